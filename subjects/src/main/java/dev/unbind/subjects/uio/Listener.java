package dev.unbind.subjects.uio;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.fs.Inode;

/**
 * struct uio_listener: one per open file, kmalloc'ed by uio_open and freed by uio_release; it
 * holds the file's reference to its uio_device and the event count the file has seen.
 */
@dev.unbind.code.Core
final class Listener {
    final Cell mem;
    private final UioDevice dev;
    /** The inode it was opened through (what a release at unregister hands the driver). */
    final Inode inode;
    private volatile int eventCount;

    Listener(Cell mem, UioDevice dev, int eventCount, Inode inode) {
        this.mem = mem;
        this.dev = dev;
        this.eventCount = eventCount;
        this.inode = inode;
    }

    UioDevice dev() {
        mem.touch("read listener->dev");
        return dev;
    }

    int eventCount() {
        mem.touch("read listener->event_count");
        return eventCount;
    }

    void eventCount(int n) {
        mem.touch("write listener->event_count");
        eventCount = n;
    }

    /** Model-side peek (no access): which device this file is on. */
    UioDevice peekDev() {
        return dev;
    }
}
