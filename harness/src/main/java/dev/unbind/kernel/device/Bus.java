package dev.unbind.kernel.device;

/**
 * The driver core's bind and unbind paths (drivers/base/dd.c), under the device lock.
 *
 * <p>Rules:
 * <ol>
 *   <li>{@link #probe}: the driver is bound while probe runs; if probe fails, devres acquired
 *       during probe is released (LIFO) and the device is left unbound.</li>
 *   <li>{@link #unbind}: children bound to drivers are unbound first (a parent's remove tears down
 *       its child devices), then remove runs, then the device's devres is released LIFO — after
 *       remove has returned, which is why a devm allocation outlives nothing.</li>
 *   <li>Binding does not pin the driver's module: module unload unbinds first.</li>
 * </ol>
 */
public final class Bus {
    private Bus() {
    }

    /** really_probe: 0, or the probe's error after unwinding devres. */
    public static int probe(Device dev, Driver drv) {
        dev.lock().lock();
        try {
            dev.driver(drv);
            if (drv.owner() != null) {
                drv.owner().call(drv.name() + ".probe");
            }
            int rc = drv.probe().probe(dev);
            if (rc != 0) {
                dev.devres().releaseAll();
                dev.driver(null);
            }
            return rc;
        } finally {
            dev.lock().unlock();
        }
    }

    /** device_release_driver: remove, then devres. Nothing happens if no driver is bound. */
    public static void unbind(Device dev) {
        for (Device child : dev.children()) {
            if (child.driver() != null) {
                unbind(child);
            }
        }
        dev.lock().lock();
        try {
            Driver drv = dev.driver();
            if (drv == null) {
                return;
            }
            if (drv.owner() != null) {
                drv.owner().call(drv.name() + ".remove");
            }
            drv.remove().remove(dev);
            dev.devres().releaseAll();
            dev.driver(null);
        } finally {
            dev.lock().unlock();
        }
    }
}
