package dev.unbind.kernel.fs;

/**
 * struct inode of a character device node. It stays in the inode cache while anything references
 * it, and it caches the cdev it was last opened through ({@code i_cdev}): a later open of the same
 * inode (for instance through /proc/PID/fd/N of a still-open fd) reaches that cdev without a map
 * lookup, even after cdev_del.
 */
public final class Inode {
    private final int devt;
    private final AddressSpace mapping = new AddressSpace();
    private volatile Cdev cdev;

    public Inode(int devt) {
        this.devt = devt;
    }

    /** MKDEV(major, minor). */
    public static int mkdev(int major, int minor) {
        return major << 20 | minor;
    }

    public int devt() {
        return devt;
    }

    public int major() {
        return devt >>> 20;
    }

    /** iminor. */
    public int minor() {
        return devt & 0xFFFFF;
    }

    /** i_cdev: the cached cdev, or null. */
    public Cdev cdev() {
        return cdev;
    }

    void cdev(Cdev c) {
        cdev = c;
    }

    /** i_mapping: the address space user mappings of this node belong to. */
    public AddressSpace mapping() {
        return mapping;
    }

    @Override
    public String toString() {
        return "inode " + major() + ":" + minor();
    }
}
