package dev.unbind.kernel;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;

import java.util.List;

/**
 * struct rw_semaphore.
 *
 * <p>Rules:
 * <ol>
 *   <li>Readers share; a writer excludes everyone.</li>
 *   <li>A queued writer blocks <em>new</em> readers (no writer starvation). So a reader that
 *       takes the read side again while a writer waits deadlocks; the scheduler sees it.</li>
 *   <li>{@link #downReadKillable()} returns {@code -EINTR} on a fatal signal.</li>
 *   <li>Taking the write side while holding it in either mode is a self-deadlock, reported at once.</li>
 *   <li>An rwsem nobody initialised ({@link #uninitialised}) is zeroed memory: uncontended
 *       acquisition happens to work, but the first waiter queues on a NULL wait list, which is
 *       reported as a NULL dereference.</li>
 * </ol>
 */
public final class RwSem {
    private final Kernel kernel;
    private final String name;
    private final String downReadLabel;
    private final String upReadLabel;
    private final String downWriteLabel;
    private final String upWriteLabel;
    private final Cell home;
    private final boolean initialised;
    private int readers;
    private Actor writer;
    private int writersWaiting;
    private final Wait readable;
    private final Wait writable;

    public RwSem(Kernel kernel, String name, Cell home) {
        this(kernel, name, home, true);
    }

    private RwSem(Kernel kernel, String name, Cell home, boolean initialised) {
        this.kernel = kernel;
        this.name = name;
        this.downReadLabel = "down_read(" + name + ")";
        this.upReadLabel = "up_read(" + name + ")";
        this.downWriteLabel = "down_write(" + name + ")";
        this.upWriteLabel = "up_write(" + name + ")";
        this.home = home;
        this.initialised = initialised;
        this.readable = Wait.of("down_read(" + name + ") behind a writer", this::canRead);
        this.writable = Wait.of("down_write(" + name + ") behind readers", this::canWrite);
    }

    /** A struct rw_semaphore that nobody ran init_rwsem on (zeroed memory). */
    public static RwSem uninitialised(Kernel kernel, String name, Cell home) {
        return new RwSem(kernel, name, home, false);
    }

    private synchronized boolean canRead() {
        return writer == null && writersWaiting == 0;
    }

    private synchronized boolean canWrite() {
        return writer == null && readers == 0;
    }

    /** down_read. */
    public void downRead() {
        read(WaitMode.UNINTERRUPTIBLE);
    }

    /** down_read_killable: 0, or -EINTR on a fatal signal. */
    public int downReadKillable() {
        return read(WaitMode.KILLABLE);
    }

    private int read(WaitMode mode) {
        touch(downReadLabel);
        Actor me = kernel.self();
        if (writerIs(me)) {
            selfDeadlock(me, "down_read(" + name + ") while holding it for write");
        }
        while (true) {
            synchronized (this) {
                if (writer == null && writersWaiting == 0) {
                    readers++;
                    break;
                }
            }
            queueOnWaitList(downReadLabel);
            if (kernel.block(readable, mode, -1) == WaitOutcome.SIGNALLED) {
                return -Errno.EINTR;
            }
        }
        me.held().add(this);
        return 0;
    }

    /** up_read. */
    public void upRead() {
        touch(upReadLabel);
        synchronized (this) {
            if (readers == 0) {
                throw new IllegalStateException("up_read(" + name + ") without a reader");
            }
            readers--;
        }
        kernel.self().held().remove(this);
        kernel.progress();
    }

    /** down_write. */
    public void downWrite() {
        touch(downWriteLabel);
        Actor me = kernel.self();
        if (writerIs(me) || me.held().contains(this)) {
            selfDeadlock(me, "down_write(" + name + ") while holding it");
        }
        synchronized (this) {
            writersWaiting++;
        }
        while (true) {
            synchronized (this) {
                if (writer == null && readers == 0) {
                    writersWaiting--;
                    writer = me;
                    break;
                }
            }
            queueOnWaitList(downWriteLabel);
            kernel.block(writable, WaitMode.UNINTERRUPTIBLE, -1);
        }
        me.held().add(this);
    }

    /** up_write. */
    public void upWrite() {
        touch(upWriteLabel);
        Actor me = kernel.self();
        synchronized (this) {
            if (writer != me) {
                throw new IllegalStateException(me + " up_write(" + name + ") without holding it");
            }
            writer = null;
        }
        me.held().remove(this);
        kernel.progress();
    }

    public synchronized int readers() {
        return readers;
    }

    private synchronized boolean writerIs(Actor a) {
        return writer == a;
    }

    private void selfDeadlock(Actor me, String what) {
        kernel.report(Kind.HANG, "recursive " + what + ": " + me.name() + " deadlocks on itself", "rwsem " + name,
                List.of(Role.of("blocked", me.site(what))), "");
        throw new HangAbort(what);
    }

    private void touch(String what) {
        if (home != null) {
            home.touch(what);
        }
    }

    /** A waiter is about to be queued: on a zeroed rwsem the wait list is NULL. */
    private void queueOnWaitList(String what) {
        if (!initialised) {
            throw kernel.oops(Kind.NULL_DEREF, what + " queues on the NULL wait list of an rw_semaphore nobody initialised",
                    "rwsem " + name, List.of(Role.of("dereferenced by", kernel.self().site(what))));
        }
    }

    @Override
    public String toString() {
        return "rwsem " + name;
    }
}
