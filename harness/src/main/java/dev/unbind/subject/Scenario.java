package dev.unbind.subject;

import dev.unbind.kernel.Kernel;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What to do to a device (a situation from PROTOCOLS.md §8), written once per family against the
 * family's model interface {@code M} and run against every variant.
 *
 * @param id    stable id within the family ({@code ioctl-vs-remove})
 * @param title one line for reports
 * @param build builds the plan of one run on a fresh kernel and a fresh model
 */
public record Scenario<M>(String id, String title, BiFunction<Kernel, M, Plan> build) {
    public Scenario {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(build);
    }

    public static <M> Scenario<M> of(String id, String title, BiFunction<Kernel, M, Plan> build) {
        return new Scenario<>(id, title, build);
    }
}
