package dev.unbind.subject;

import dev.unbind.kernel.Kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What to do to a device (a situation from PROTOCOLS.md §8), written once per family against the
 * family's model interface {@code M} and run against every variant. It is the only description
 * of its race: the explorer and stress run every scenario; {@link #jcstress} makes it a generated
 * JCStress test too, {@link #lincheck} a pinned Lincheck scenario; the faults it needs come from
 * the catalogued defects that name it.
 *
 * @param id        stable id within the family ({@code ioctl-vs-remove})
 * @param title     one line for reports
 * @param situation what user space holds when the device goes away (latencies are shown per situation)
 * @param build     builds the plan of one run on a fresh kernel and a fresh model
 * @param jcstressRace how it runs as a JCStress test, or null when it does not
 * @param lincheckRace how it runs as a pinned Lincheck scenario, or null when it does not
 */
public record Scenario<M>(String id, String title, Situation situation, BiFunction<Kernel, M, Plan> build,
                          JcstressRace jcstressRace, LincheckRace lincheckRace) {
    /** The engines every scenario runs under. */
    public static final List<String> ALWAYS = List.of("explorer", "stress");

    public Scenario {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(situation);
        Objects.requireNonNull(build);
    }

    /** A scenario run by the explorer and stress; say what it measures with {@link #in}. */
    public static <M> Scenario<M> of(String id, String title, BiFunction<Kernel, M, Plan> build) {
        return new Scenario<>(id, title, Situation.NONE, build, null, null);
    }

    /** The same, in {@code s}: what user space holds while the device goes away. */
    public Scenario<M> in(Situation s) {
        return new Scenario<>(id, title, s, build, jcstressRace, lincheckRace);
    }

    /** The same, also a JCStress test: one JCStress thread per racing actor, no faults. */
    public Scenario<M> jcstress() {
        return jcstress(JcstressRace.plain());
    }

    public Scenario<M> jcstress(JcstressRace race) {
        return new Scenario<>(id, title, situation, build, Objects.requireNonNull(race), lincheckRace);
    }

    /** The same, also a pinned Lincheck scenario over the family's facade. */
    public Scenario<M> lincheck(LincheckRace race) {
        return new Scenario<>(id, title, situation, build, jcstressRace, Objects.requireNonNull(race));
    }

    /** The engines that run it: {@link #ALWAYS}, then {@code jcstress} and {@code lincheck} when declared. */
    public List<String> engines() {
        List<String> e = new ArrayList<>(ALWAYS);
        if (jcstressRace != null) {
            e.add("jcstress");
        }
        if (lincheckRace != null) {
            e.add("lincheck");
        }
        return List.copyOf(e);
    }
}
