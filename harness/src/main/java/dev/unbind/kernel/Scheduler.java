package dev.unbind.kernel;


import java.util.List;

/**
 * Decides when actors run. The kernel owns this interface; the three schedulers live in
 * {@code dev.unbind.sched} and depend on the kernel, never the other way:
 * <ul>
 *   <li>{@code ThreadScheduler}: real threads (stress, JCStress); waits spin and park with a
 *       bounded hang detector.</li>
 *   <li>{@code ControlledScheduler}: one actor at a time, switching only at named points and
 *       waits, following a {@code Strategy}; a state where nobody can run is a HANG.</li>
 *   <li>{@code InlineScheduler}: under Lincheck's model checker; points cost nothing and waits are
 *       plain spin loops Lincheck recognises (a wait nobody satisfies is its "execution has hung").</li>
 * </ul>
 */
public interface Scheduler {
    /** The calling actor passed a named point. */
    void point(Actor self, Point p);

    /**
     * Suspends {@code self} until {@code w} is ready, a signal allowed by {@code mode} is pending,
     * or {@code timeoutMs} (kernel milliseconds; negative = none) elapses. Throws
     * {@link dev.unbind.kernel.HangAbort} when the run was found hung.
     */
    WaitOutcome block(Actor self, Wait w, WaitMode mode, long timeoutMs);

    /** A running actor created another (a work item, an injected event). */
    void spawn(Kernel k, Actor child, Runnable body);

    /**
     * Runs the phases in order; the actors of one phase run concurrently, the next phase starts
     * when every actor of the previous one (and everything they spawned) has finished.
     */
    void run(Kernel k, List<List<ActorSpec>> phases);
}
