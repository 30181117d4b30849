package dev.unbind.kernel.fs;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.device.Device;

/**
 * struct miscdevice: owned by the driver (often devm_kzalloc'ed in probe, so freed right after
 * remove returns). Variants of misc.c that add fields extend this class.
 */
public class MiscDevice {
    private final Cell home;
    private final String name;
    private volatile int minor;
    private volatile FileOperations fops;
    private final Device parent;
    private volatile Device thisDevice;

    /**
     * @param home   the memory this struct lives in (the driver's allocation)
     * @param minor  a fixed minor, or {@link Misc#DYNAMIC_MINOR}
     */
    public MiscDevice(Cell home, String name, int minor, FileOperations fops, Device parent) {
        this.home = home;
        this.name = name;
        this.minor = minor;
        this.fops = fops;
        this.parent = parent;
    }

    public Cell home() {
        return home;
    }

    public String name() {
        return name;
    }

    /** misc->minor (a read of the struct). */
    public int minor() {
        home.touch("read miscdevice->minor");
        return minor;
    }

    void minor(int m) {
        home.touch("write miscdevice->minor");
        minor = m;
    }

    /** misc->fops (a read of the struct). */
    public FileOperations fops() {
        home.touch("read miscdevice->fops");
        return fops;
    }

    public void fops(FileOperations f) {
        home.touch("write miscdevice->fops");
        fops = f;
    }

    public Device parent() {
        return parent;
    }

    public Device thisDevice() {
        return thisDevice;
    }

    void thisDevice(Device d) {
        thisDevice = d;
    }

    @Override
    public String toString() {
        return "miscdevice " + name;
    }
}
