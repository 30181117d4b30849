package dev.unbind.subjects.misc;

import dev.unbind.subject.Machine;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;

/**
 * What a misc scenario can do to any variant: a ChromeOS machine with two ECs (the main EC and
 * the fingerprint MCU), each an MFD parent whose chardev child is a misc device
 * ({@code /dev/cros_ec}, {@code /dev/cros_fp}). User side: open, read, ioctl, poll, close; system
 * side: bind or unbind an EC, let it raise an event, unload the chardev module. Each method is one
 * system call or one sysfs/module action and returns what user space would see.
 */
public interface MiscChardev extends Machine {
    /** The two ECs of the machine. */
    enum Ec {
        EC("cros-ec-dev.0", "cros_ec"),
        FP("cros-ec-dev.1", "cros_fp");

        final String device;
        final String node;

        Ec(String device, String node) {
            this.device = device;
            this.node = node;
        }
    }

    /** The ioctls the model knows. */
    enum Cmd {
        /** CROS_EC_DEV_IOCXCMD: a command to the EC; sleeps on the bus for the response. */
        XCMD,
        /** CROS_EC_DEV_IOCEVENTMASK: from now on read waits for MKBP events. */
        EVENTMASK
    }

    Kernel kernel();

    /** Binds the EC (its MFD parent), which adds and probes the chardev child; 0 or -errno. */
    int probe(Ec ec);

    /** Binds the main EC: what most scenarios start with. */
    @Override
    default int probe() {
        return probe(Ec.EC);
    }

    /** open("/dev/cros_ec"). */
    OpenResult open(Ec ec);

    /** open("/proc/self/fd/N") of an open fd: the same inode. */
    OpenResult reopen(File f);

    /** read(2): the EC version, or — once an event mask is set — the next MKBP event (blocks). */
    long read(File f);

    long ioctl(File f, Cmd cmd);

    /** The same ioctl from a 32-bit process. */
    long compatIoctl(File f, Cmd cmd);

    int poll(File f);

    void close(File f);

    /** The EC raises an MKBP event: its IRQ thread runs the event notifier chain. */
    void raiseEvent(Ec ec);

    /** Unbinds the EC (sysfs unbind of the protocol device): the chardev child is unbound first. */
    void remove(Ec ec);

    /** rmmod cros_ec_chardev. */
    int rmmodDriver();

    /** Closes everything still open, unbinds both ECs, unloads the module: what is left leaked. */
    void quiesce();
}
