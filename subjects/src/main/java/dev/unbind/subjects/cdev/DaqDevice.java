package dev.unbind.subjects.cdev;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Fence;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.WaitQueue;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.Cdev;
import dev.unbind.kernel.fs.File;

/**
 * struct daq: the driver's state, kzalloc'd at probe. The cdev is embedded in it (or allocated
 * beside it, on the board that uses cdev_alloc), and so is a struct device for the drivers that
 * tie their memory to one. Every field lives in {@link #mem}: whoever frees it decides how long
 * open files may keep using it.
 */
final class DaqDevice {
    final Kernel k;
    final Chardev.Board board;
    final Cell mem;
    /** The first dev_t; the second minor is the single-open node. */
    final int devt;
    /** Sleepers in read and WAIT_EVENT, waiting for a sample. */
    final WaitQueue readq;
    /** Openers of the single-open node, waiting for the file that holds it to close. */
    final WaitQueue openq;
    /** The oracle: once remove (or a failed probe) returned, no driver fop but release runs. */
    final Fence afterRemove;

    private volatile Cdev cdev;
    private volatile Device dev;
    private volatile Cell mmio;
    private int samples;
    private int clients;
    private long flags;
    private File holder;
    private boolean dead;

    DaqDevice(Kernel k, Chardev.Board board, Cell mem, int devt) {
        this.k = k;
        this.board = board;
        this.mem = mem;
        this.devt = devt;
        this.readq = new WaitQueue(k, "daq.readq", mem);
        this.openq = new WaitQueue(k, "daq.openq", mem);
        this.afterRemove = new Fence(k, "no daq fop but release runs after remove() returned");
    }

    Cdev cdev() {
        mem.touch("read daq->cdev");
        return cdev;
    }

    void cdev(Cdev c) {
        cdev = c;
    }

    /** The embedded struct device, or null for the drivers that have none. */
    Device dev() {
        return dev;
    }

    void dev(Device d) {
        dev = d;
    }

    /** daq->regs: the ioremapped registers (devm, released after remove). */
    Cell mmio() {
        mem.touch("read daq->regs");
        return mmio;
    }

    void mmio(Cell c) {
        mmio = c;
    }

    synchronized int samples() {
        mem.touch("read daq->samples");
        return samples;
    }

    synchronized void addSample() {
        mem.touch("write daq->samples");
        samples++;
    }

    /** Consumes a sample; false if there was none (the sleeper was woken for another reason). */
    synchronized boolean takeSample() {
        mem.touch("write daq->samples");
        if (samples == 0) {
            return false;
        }
        samples--;
        return true;
    }

    synchronized void clientOpened() {
        mem.touch("list_add(&client->node, &daq->clients)");
        clients++;
    }

    synchronized void clientClosed() {
        mem.touch("list_del(&client->node)");
        clients--;
    }

    synchronized File holder() {
        mem.touch("read daq->excl_holder");
        return holder;
    }

    synchronized void holder(File f) {
        mem.touch("write daq->excl_holder");
        holder = f;
    }

    synchronized void flags(long f) {
        mem.touch("write daq->flags");
        flags = f;
    }

    /** daq->dead: set by a remove that wakes its sleepers before it fences them. */
    synchronized boolean dead() {
        mem.touch("read daq->dead");
        return dead;
    }

    synchronized void dead(boolean d) {
        mem.touch("write daq->dead");
        dead = d;
    }
}
