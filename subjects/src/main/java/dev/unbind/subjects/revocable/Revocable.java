package dev.unbind.subjects.revocable;

import dev.unbind.subject.Machine;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vma;

/**
 * What a revocable scenario can do to any variant. Two character devices live on the machine:
 * the ChromeOS EC's {@code /dev/cros_ec} (a misc device of the cros-ec-chardev child of the EC,
 * whose cros_ec_device is the revocable resource), and {@code /dev/zzz}, the thread's own
 * example of a device whose file operations use resources of two unrelated devices X and Y.
 * Each method is one system call, sysfs action or hardware event and returns what user space
 * would see.
 */
public interface Revocable extends Machine {
    /** Which device node. */
    enum Node { CROS_EC, ZZZ }

    /** The cros_ec ioctls the model knows (CROS_EC_DEV_IOC*). */
    enum Cmd {
        /** CROS_EC_DEV_IOCXCMD: a command sent to the EC over the bus. */
        XCMD,
        /** CROS_EC_DEV_IOCRDMEM: a read of the EC's memory map (reads ec_dev->cmd_readmem). */
        RDMEM,
        /** CROS_EC_DEV_IOCEVENTMASK: which MKBP events read() returns (per file, no EC access). */
        EVENTMASK
    }

    Kernel kernel();

    /** Binds the EC (SPI protocol device); its probe adds and binds the cros-ec-chardev child. */
    int probe();

    /** Binds the suppliers X and Y, then Z, the driver of /dev/zzz. */
    int probeZzz();

    OpenResult open(Node n);

    /** open("/proc/self/fd/N") of an open fd: the same inode. */
    OpenResult reopen(File f);

    long read(File f);

    long write(File f);

    int poll(File f);

    long ioctl(File f, Cmd cmd);

    /** The same ioctl from a 32-bit process: the compat_ioctl entry. */
    long compatIoctl(File f, Cmd cmd);

    Vma mmap(File f);

    /** The user touches the mapping: 0, or a VM_FAULT code (SIGBUS). */
    int touch(Vma v);

    void munmap(Vma v);

    void close(File f);

    /** The EC raises an MKBP event: its IRQ thread calls the event notifier chain. */
    void ecEvent();

    /** The EC goes away (unbind / hot-unplug): its chardev child first, then its devres revokes. */
    void remove();

    /** sysfs unbind of the cros-ec-chardev device alone: misc_deregister. */
    void unbindChardev();

    /** Supplier X goes away while Z stays bound: its devres revokes res1's provider. */
    void unbindSupplier();

    /** rmmod cros_ec_chardev. */
    int rmmodChardev();

    /** Closes and unmaps everything, unbinds every device, unloads the modules: what is left leaks. */
    void quiesce();
}
