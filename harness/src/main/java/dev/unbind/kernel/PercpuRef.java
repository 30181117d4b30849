package dev.unbind.kernel;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * struct percpu_ref (lib/percpu-refcount.c), in its atomic form.
 *
 * <p>Rules:
 * <ol>
 *   <li>{@link #init(Runnable)} starts live with one reference (the initial ref). percpu_ref_init
 *       can fail; the model writes that as a fallible point before calling it.</li>
 *   <li>{@link #tryGetLive()} fails once {@link #kill()} was called; {@link #get()} and
 *       {@link #tryGet()} do not care about liveness.</li>
 *   <li>{@link #kill()} marks the ref dead and drops the initial reference; the release callback
 *       runs when the count then reaches zero. Killing twice is a bug.</li>
 *   <li>After {@link #exit()}, tryGetLive still safely returns false as long as the memory the ref
 *       lives in ({@code home}) is alive; an exit while references are held is a bug.</li>
 * </ol>
 */
public final class PercpuRef {
    private static final long DEAD = 1L << 62;

    private final Kernel kernel;
    private final String name;
    private final String percpuRefInitLabel;
    private final String percpuRefTrygetLiveLabel;
    private final String percpuRefTrygetLabel;
    private final String percpuRefGetLabel;
    private final String percpuRefPutLabel;
    private final String percpuRefKillLabel;
    private final String percpuRefExitLabel;
    private final Cell home;
    private final AtomicLong state = new AtomicLong(DEAD);
    private volatile Runnable release = () -> { };

    public PercpuRef(Kernel kernel, String name, Cell home) {
        this.kernel = kernel;
        this.name = name;
        this.percpuRefInitLabel = "percpu_ref_init(" + name + ")";
        this.percpuRefTrygetLiveLabel = "percpu_ref_tryget_live(" + name + ")";
        this.percpuRefTrygetLabel = "percpu_ref_tryget(" + name + ")";
        this.percpuRefGetLabel = "percpu_ref_get(" + name + ")";
        this.percpuRefPutLabel = "percpu_ref_put(" + name + ")";
        this.percpuRefKillLabel = "percpu_ref_kill(" + name + ")";
        this.percpuRefExitLabel = "percpu_ref_exit(" + name + ")";
        this.home = home;
    }

    /** percpu_ref_init (flags 0): live, count 1. */
    public void init(Runnable release) {
        touch(percpuRefInitLabel);
        this.release = release;
        state.set(1);
    }

    /** percpu_ref_tryget_live. */
    public boolean tryGetLive() {
        touch(percpuRefTrygetLiveLabel);
        while (true) {
            long s = state.get();
            if ((s & DEAD) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** percpu_ref_tryget: succeeds while the count is not zero, dead or not. */
    public boolean tryGet() {
        touch(percpuRefTrygetLabel);
        while (true) {
            long s = state.get();
            if (count(s) == 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** percpu_ref_get: the caller must already hold a reference. */
    public void get() {
        touch(percpuRefGetLabel);
        long s = state.getAndIncrement();
        if (count(s) == 0) {
            kernel.report(Kind.REFCOUNT, "percpu_ref_get(" + name + ") on a zero count", name,
                    List.of(Role.of("get by", kernel.self().site(percpuRefGetLabel))), "");
        }
    }

    /** percpu_ref_put: at zero after kill, the release callback runs. */
    public void put() {
        touch(percpuRefPutLabel);
        long s;
        while (true) {
            long old = state.get();
            if (count(old) == 0) {
                kernel.report(Kind.REFCOUNT, "percpu_ref_put(" + name + ") underflow", name,
                        List.of(Role.of("put by", kernel.self().site(percpuRefPutLabel))), "");
                return;
            }
            s = old - 1;
            if (state.compareAndSet(old, s)) {
                break;
            }
        }
        kernel.progress();
        if (count(s) == 0 && (s & DEAD) != 0) {
            release.run();
        }
    }

    /** percpu_ref_kill: no new tryGetLive; the initial reference is dropped. */
    public void kill() {
        touch(percpuRefKillLabel);
        while (true) {
            long s = state.get();
            if ((s & DEAD) != 0) {
                kernel.report(Kind.REFCOUNT, "percpu_ref_kill(" + name + ") called more than once", name,
                        List.of(Role.of("killed by", kernel.self().site(percpuRefKillLabel))), "");
                return;
            }
            if (state.compareAndSet(s, s | DEAD)) {
                break;
            }
        }
        kernel.at(KernelPoints.PERCPU_KILLED);
        put();
    }

    /** percpu_ref_kill_and_confirm: kill, then {@code confirm} once tryGetLive is sure to fail. */
    public void killAndConfirm(Runnable confirm) {
        kill();
        confirm.run();
    }

    /** percpu_ref_exit: undoes init. The ref must no longer be in use. */
    public void exit() {
        touch(percpuRefExitLabel);
        long s = state.get();
        if ((s & DEAD) == 0 && count(s) > 1 || (s & DEAD) != 0 && count(s) > 0) {
            kernel.report(Kind.REFCOUNT, "percpu_ref_exit(" + name + ") while " + count(s) + " reference(s) are held",
                    name, List.of(Role.of("exited by", kernel.self().site(percpuRefExitLabel))), "");
        }
        state.set(DEAD);
    }

    public boolean isDying() {
        return (state.get() & DEAD) != 0;
    }

    public boolean isZero() {
        return count(state.get()) == 0;
    }

    private static long count(long s) {
        return s & ~DEAD;
    }

    private void touch(String what) {
        if (home != null) {
            home.touch(what);
        }
    }

    @Override
    public String toString() {
        long s = state.get();
        return "percpu_ref " + name + "=" + count(s) + ((s & DEAD) != 0 ? " dead" : "");
    }
}
