package dev.unbind.kernel;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;

import java.util.List;

/**
 * A loadable module: {@code LIVE → GOING → GONE}, with a reference count.
 *
 * <p>Rules (kernel/module/main.c):
 * <ol>
 *   <li>{@link #tryGet()} (try_module_get) succeeds only while LIVE; every success is paired with
 *       one {@link #put()} (module_put). A put below zero is a refcount finding.</li>
 *   <li>{@link #unload()} (delete_module) refuses with {@code -EBUSY} while references are held;
 *       otherwise the module goes GOING, its exit routine runs, and it is GONE.</li>
 *   <li>Code and read-only data of a GONE module are gone: {@link #call(String)} on it is a MODULE
 *       finding. Callbacks check this through {@link Callback}.</li>
 *   <li>At quiescence (after the scenario tried to unload) a module with references left has a
 *       leaked reference: it can never be unloaded.</li>
 * </ol>
 */
public final class Module {
    /** Lifetime states. */
    public enum State { LIVE, GOING, GONE }

    private final Kernel kernel;
    private final String name;
    private int refs;
    private volatile State state = State.LIVE;
    private Runnable exit = () -> { };
    private volatile boolean unloadAttempted;

    private Module(Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
    }

    /** insmod: a new LIVE module. */
    public static Module load(Kernel k, String name) {
        Module m = new Module(k, name);
        k.register(m);
        return m;
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    public synchronized int refs() {
        return refs;
    }

    /** The module's exit routine (driver_unregister, misc_deregister...), run by {@link #unload()}. */
    public void onExit(Runnable exit) {
        this.exit = exit;
    }

    /** try_module_get: fails once unloading has begun. */
    public synchronized boolean tryGet() {
        if (state != State.LIVE) {
            return false;
        }
        refs++;
        return true;
    }

    /** __module_get: take a reference the caller knows is safe (already holds one). */
    public synchronized void get() {
        refs++;
    }

    /** module_put. */
    public void put() {
        boolean underflow;
        synchronized (this) {
            underflow = refs == 0;
            if (!underflow) {
                refs--;
            }
        }
        if (underflow) {
            kernel.report(Kind.REFCOUNT, "module_put on " + name + " with no reference held", "module " + name,
                    List.of(Role.of("put by", kernel.self().site("module_put(" + name + ")"))), "");
        }
        kernel.progress();
        kernel.at(KernelPoints.MODULE_PUT);
    }

    /** rmmod: {@code 0}, or {@code -EBUSY} while references are held (or already unloading). */
    public int unload() {
        unloadAttempted = true;
        synchronized (this) {
            if (state != State.LIVE || refs > 0) {
                return -Errno.EBUSY;
            }
            state = State.GOING;
        }
        exit.run();
        state = State.GONE;
        kernel.progress();
        return 0;
    }

    /**
     * Entering code of this module (a function pointer call). A call into a GONE module is a
     * MODULE finding; the call then proceeds so the run can go on.
     */
    public void call(String function) {
        if (state == State.GONE) {
            kernel.report(Kind.MODULE, "call into unloaded module " + name + ": " + function,
                    "module " + name, List.of(Role.of("called by", kernel.self().site(function))), "");
        }
    }

    void checkQuiescent() {
        int held = refs();
        if (held > 0 && state == State.LIVE) {
            kernel.report(Kind.LEAK, "module " + name + " still has " + held + " reference(s) at quiescence"
                            + (unloadAttempted ? "; rmmod was refused" : ""),
                    "module " + name, List.of(Role.of("leaked in", kernel.self().site("module refcount " + held))), "");
        }
    }

    @Override
    public String toString() {
        return "module " + name + "[" + state + "]";
    }
}
