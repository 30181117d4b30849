package dev.unbind.subjects.uio;

import dev.unbind.subject.Machine;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vma;

/**
 * What a uio scenario can do to any variant. Two uio devices: a tcmu backstore, created and
 * deleted through LIO's configfs, and a platform device, bound and unbound through sysfs. User
 * space opens their nodes, reads events, writes irq_on, polls, maps them and touches the mappings.
 * Every method is one system call or one admin action and returns what user space would see.
 */
public interface Uio extends Machine {
    /** Which device a node belongs to. */
    enum Dev { TCMU, PLATFORM }

    Kernel kernel();

    /** mkdir + enable of a tcmu backstore: tcmu_alloc_device, tcmu_configure_device; 0 or -errno. */
    int createTcmu();

    /** rmdir of the backstore: tcmu_destroy_device (if it was configured), then tcmu_free_device. */
    void deleteTcmu();

    /** Binds the platform driver; 0 or -errno. */
    int probe();

    /** Unbinds it (sysfs unbind): remove, then devres. */
    void remove();

    /** open("/dev/uioN") of the device's node. */
    OpenResult open(Dev dev);

    /** open("/proc/self/fd/N") of an open fd: the same inode, whatever device now has its minor. */
    OpenResult reopen(File f);

    /** read(fd, &amp;count, 4): waits for an interrupt event. */
    long read(File f);

    /** write(fd, &amp;one, 4): enable the interrupt (irqcontrol). */
    long write(File f);

    int poll(File f);

    /** mmap of map {@code map} (the offset in pages selects it); null if it failed. */
    Vma mmap(File f, int map);

    /** The user touches the mapping: 0, or VM_FAULT_SIGBUS. */
    int touch(Vma v);

    /** fork: the child's copy of the mapping. */
    Vma fork(Vma v);

    void munmap(Vma v);

    void close(File f);

    /** The platform device raises its interrupt line. */
    void interrupt();

    /** rmmod of the driver module of {@code dev}: 0 or -EBUSY. */
    int rmmod(Dev dev);

    /** Unmaps and closes everything, deletes and unbinds, unloads: what is left is a leak. */
    void quiesce();
}
