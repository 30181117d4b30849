package dev.unbind.kernel.fs;

import java.util.HashMap;
import java.util.Map;

/**
 * The device nodes (devtmpfs): device_create makes a node with a fresh inode, device_destroy
 * removes it. Opening by path finds the current node; an fd keeps the inode it was opened through.
 */
public final class DevFs {
    private final Map<Integer, Inode> nodes = new HashMap<>();

    /** The node appears (device_create / device_add with a dev_t). */
    public synchronized Inode create(int devt) {
        Inode i = new Inode(devt);
        nodes.put(devt, i);
        return i;
    }

    /** The node disappears (device_destroy / device_del). */
    public synchronized void remove(int devt) {
        nodes.remove(devt);
    }

    public synchronized Inode lookup(int devt) {
        return nodes.get(devt);
    }
}
