package dev.unbind.kernel;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * struct mutex.
 *
 * <p>Rules:
 * <ol>
 *   <li>Not recursive: locking a mutex you hold is a self-deadlock, reported as a HANG at once
 *       (the actor cannot proceed, so it is unwound).</li>
 *   <li>Only the owner unlocks.</li>
 *   <li>The holder may sleep; a waiter tells the scheduler it waits for the holder.</li>
 *   <li>{@link #lockKillable()} / {@link #lockInterruptible()} return {@code -EINTR} on a signal.</li>
 * </ol>
 */
public final class Mutex {
    private final Kernel kernel;
    private final String name;
    private final String mutexTrylockLabel;
    private final String mutexLockLabel;
    private final String mutexUnlockLabel;
    private final Cell home;
    private final AtomicReference<Actor> owner = new AtomicReference<>();
    private final Wait free;

    public Mutex(Kernel kernel, String name, Cell home) {
        this.kernel = kernel;
        this.name = name;
        this.mutexTrylockLabel = "mutex_trylock(" + name + ")";
        this.mutexLockLabel = "mutex_lock(" + name + ")";
        this.mutexUnlockLabel = "mutex_unlock(" + name + ")";
        this.home = home;
        this.free = new Wait() {
            @Override
            public boolean ready() {
                return owner.get() == null;
            }

            @Override
            public String what() {
                Actor o = owner.get();
                return mutexLockLabel + (o == null ? "" : " held by " + o.name());
            }
        };
    }

    public Mutex(Kernel kernel, String name) {
        this(kernel, name, null);
    }

    /** mutex_lock. */
    public void lock() {
        acquire(WaitMode.UNINTERRUPTIBLE);
    }

    /** mutex_lock_killable: 0, or -EINTR on a fatal signal. */
    public int lockKillable() {
        return acquire(WaitMode.KILLABLE);
    }

    /** mutex_lock_interruptible: 0, or -EINTR on a signal. */
    public int lockInterruptible() {
        return acquire(WaitMode.INTERRUPTIBLE);
    }

    /** mutex_trylock. */
    public boolean tryLock() {
        touch(mutexTrylockLabel);
        Actor me = kernel.self();
        if (owner.compareAndSet(null, me)) {
            me.held().add(this);
            return true;
        }
        return false;
    }

    private int acquire(WaitMode mode) {
        touch(mutexLockLabel);
        Actor me = kernel.self();
        if (owner.get() == me) {
            kernel.report(Kind.HANG, "recursive mutex_lock(" + name + "): " + me.name() + " deadlocks on itself",
                    "mutex " + name, List.of(Role.of("blocked", me.site("mutex_lock(" + name + ") while holding it"))), "");
            throw new HangAbort("recursive mutex_lock(" + name + ")");
        }
        while (!owner.compareAndSet(null, me)) {
            if (kernel.block(free, mode, -1) == WaitOutcome.SIGNALLED) {
                return -Errno.EINTR;
            }
        }
        me.held().add(this);
        return 0;
    }

    /** mutex_unlock. */
    public void unlock() {
        touch(mutexUnlockLabel);
        Actor me = kernel.self();
        if (!owner.compareAndSet(me, null)) {
            throw new IllegalStateException(me + " unlocks " + name + " held by " + owner.get());
        }
        me.held().remove(this);
        kernel.progress();
    }

    public boolean isLocked() {
        return owner.get() != null;
    }

    public Actor holder() {
        return owner.get();
    }

    private void touch(String what) {
        if (home != null) {
            home.touch(what);
        }
    }

    @Override
    public String toString() {
        return "mutex " + name;
    }
}
