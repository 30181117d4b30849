package dev.unbind.subjects.cdev;

import dev.unbind.subject.Machine;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;

/**
 * What a cdev scenario can do to any variant: the user side (open, ioctl, read, close), the
 * hardware (an interrupt raising a sample) and the system side (probe, remove, rmmod). Each
 * method is one system call, interrupt or sysfs/module action and returns what user space sees.
 *
 * <p>The machine has one char driver, {@code daq} (a data-acquisition card), bound to three
 * platform devices that differ only in how the driver is built and where its cdev lives, and an
 * ordinary char driver that never opts into anything a variant adds to the cdev layer.
 */
public interface Chardev extends Machine {
    /** The platform devices, each with its own instance of the daq driver and two minors. */
    enum Board {
        /** The driver as a loadable module, its cdev embedded in its state: most scenarios use this one. */
        DAQ0("daq0", 0, false, false),
        /** The same driver built into the kernel, so its THIS_MODULE is NULL. */
        DAQ1_BUILTIN("daq1", 2, true, false),
        /** The same driver as a module, with its cdev from cdev_alloc instead of embedded. */
        DAQ2_ALLOCATED("daq2", 4, false, true);

        /** The node name of the board's first minor; the second minor is {@code <node>-excl}. */
        public final String node;
        /** The first of the board's two minors. */
        public final int minorBase;
        public final boolean builtIn;
        public final boolean allocatedCdev;

        Board(String node, int minorBase, boolean builtIn, boolean allocatedCdev) {
            this.node = node;
            this.minorBase = minorBase;
            this.builtIn = builtIn;
            this.allocatedCdev = allocatedCdev;
        }
    }

    /** The driver's ioctls. */
    enum Ioctl {
        /** Reads the status register: {@link #STATUS_READY} on a live device. */
        GET_STATUS,
        /** Sleeps until the card raises a sample, then consumes it: 0. */
        WAIT_EVENT,
        /** Takes a u32 of flags by value; returns 1 when {@link #FLAG_ENABLE} (bit 31) arrived set. */
        SET_FLAGS
    }

    long STATUS_READY = 1;
    /** Bit 31 of SET_FLAGS' integer argument. */
    long FLAG_ENABLE = 0x8000_0000L;

    Kernel kernel();

    /** Binds the daq driver to a board (probe); 0 or -errno. */
    int probe(Board b);

    @Override
    default int probe() {
        return probe(Board.DAQ0);
    }

    /** open("/dev/daqN"): the board's shared minor. */
    OpenResult open(Board b);

    default OpenResult open() {
        return open(Board.DAQ0);
    }

    /** open("/dev/daq0-excl"): the single-open minor; while another file holds it, the opener waits. */
    OpenResult openExclusive();

    /** open("/proc/self/fd/N") of an open fd: the same inode, its cached i_cdev. */
    OpenResult reopen(File f);

    /** open of the ordinary char device that never opted into anything. */
    OpenResult openOrdinary();

    long ioctl(File f, Ioctl cmd);

    /** The same ioctl from a 32-bit process (compat_ioctl). */
    long compatIoctl(File f, Ioctl cmd);

    /** read(2) of one sample: 1, after sleeping until the card raised one. */
    long read(File f);

    void close(File f);

    /** daq0 raises a sample (its interrupt handler runs). */
    void irq();

    /** Unbinds the driver from a board (sysfs unbind / hot-unplug): remove, then devres. */
    void remove(Board b);

    default void remove() {
        remove(Board.DAQ0);
    }

    /** rmmod of the daq module. */
    int rmmod();

    /** Closes everything still open, removes, unloads: what is left is a leak. */
    void quiesce();
}
