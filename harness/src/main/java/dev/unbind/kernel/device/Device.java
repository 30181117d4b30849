package dev.unbind.kernel.device;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Kref;
import dev.unbind.kernel.Mutex;

import java.util.ArrayList;
import java.util.List;

/**
 * struct device: a refcounted object with a release callback, a devres list, a lock, a parent,
 * and the driver bound to it.
 *
 * <p>Rules:
 * <ol>
 *   <li>{@link #get()} / {@link #put()} are get_device / put_device; the last put runs the
 *       release set by {@link #initialize(Runnable)} (device_initialize). A device without a
 *       release callback whose last reference goes away is a bug the kernel WARNs about.</li>
 *   <li>Its memory is {@code home}: usually embedded in a bigger driver or core object, so the
 *       release callback is what frees it.</li>
 *   <li>{@link #devres()} is released LIFO after the driver's remove returns and on probe failure
 *       (see {@link Bus}).</li>
 * </ol>
 */
public final class Device {
    private final Kernel kernel;
    private final String name;
    private final Cell home;
    private final Kref kobj;
    private final Devres devres;
    private final Mutex lock;
    private final Device parent;
    private final List<Device> children = new ArrayList<>();
    private volatile Runnable release;
    private volatile Driver driver;
    private volatile boolean added;

    public Device(Kernel kernel, String name, Cell home, Device parent) {
        this.kernel = kernel;
        this.name = name;
        this.home = home;
        this.parent = parent;
        this.kobj = new Kref(kernel, name + ".kobj", home);
        this.devres = new Devres(kernel, this);
        this.lock = new Mutex(kernel, "device_lock(" + name + ")");
        if (parent != null) {
            synchronized (parent.children) {
                parent.children.add(this);
            }
        }
    }

    /** device_initialize: the release callback run at the last put. */
    public void initialize(Runnable release) {
        this.release = release;
    }

    /** get_device. */
    public Device get() {
        kobj.get();
        return this;
    }

    /** put_device. */
    public void put() {
        kobj.put(() -> {
            Runnable r = release;
            if (r == null) {
                kernel.report(Kind.LEAK, "Device '" + name + "' does not have a release() function", name,
                        List.of(Role.of("last put by", kernel.self().site("put_device(" + name + ")"))), "");
            } else {
                r.run();
            }
        });
    }

    /** device_add: the device becomes visible (its node can be opened from here). */
    public void add() {
        touch("device_add(" + name + ")");
        added = true;
    }

    /** device_del: the device is no longer visible; references stay. */
    public void del() {
        touch("device_del(" + name + ")");
        added = false;
    }

    /** device_unregister: device_del then put_device. */
    public void unregister() {
        del();
        put();
    }

    public boolean isAdded() {
        return added;
    }

    public String name() {
        return name;
    }

    public Cell home() {
        return home;
    }

    public Device parent() {
        return parent;
    }

    public List<Device> children() {
        synchronized (children) {
            return List.copyOf(children);
        }
    }

    public Devres devres() {
        return devres;
    }

    public Mutex lock() {
        return lock;
    }

    public Driver driver() {
        return driver;
    }

    void driver(Driver d) {
        driver = d;
    }

    public int refs() {
        return kobj.read();
    }

    public Kernel kernel() {
        return kernel;
    }

    private void touch(String what) {
        if (home != null) {
            home.touch(what);
        }
    }

    @Override
    public String toString() {
        return "device " + name;
    }
}
