package dev.unbind.subject;

import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The read side of a fix: what every call of an open file pays for it, whether or not the device
 * ever goes away. A family names one user-visible call on a live device (an ioctl, a read)
 * and how to get there (probe, open); the cost engine and the JMH benchmark repeat the call on
 * each variant, uncontended, and the report shows the variants' ns per call side by side.
 *
 * <p>The call must leave the kernel as it found it: no findings, nothing allocated that stays
 * (the simulated kernel keeps every cell it ever allocated, to name the sites of a later
 * use-after-free), so it can run millions of times.
 *
 * @param call    what is repeated, for reports ({@code ioctl(GET_PARAM)})
 * @param prepare on a fresh kernel and model: probes, opens, and returns the call to repeat
 */
public record ReadSide<M>(String call, BiFunction<Kernel, M, Runnable> prepare) {
    public ReadSide {
        Objects.requireNonNull(call);
        Objects.requireNonNull(prepare);
    }

    /** The file a prepare step opened; a read side with no open file cannot be measured. */
    public static File opened(File f) {
        if (f == null) {
            throw new IllegalStateException("the read side needs an open file, but probe or open failed");
        }
        return f;
    }

    public static <M> ReadSide<M> of(String call, BiFunction<Kernel, M, Runnable> prepare) {
        return new ReadSide<>(call, prepare);
    }
}
