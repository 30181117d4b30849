package dev.unbind.canary;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;

/** A planted driver, the code a variant changes: its own use and free of a cell. */
public final class PlantedDriver {
    private final Kernel k;

    public PlantedDriver(Kernel k) {
        this.k = k;
    }

    public Cell probe(String what) {
        return k.memory().alloc("cros_ec_dev", what);
    }

    /** Uses {@code priv} across the named point {@code inside}. */
    public void ioctl(Cell priv, String what, Point inside) {
        try (Cell.Access a = priv.enter(what)) {
            k.at(inside);
        }
    }

    public void remove(Cell priv, String what) {
        k.memory().free(priv, what);
    }

    /** Driver code a promise covers, run whether or not the promise was made already. */
    public void submit(dev.unbind.kernel.Fence fence, String what) {
        fence.check(what);
    }

    /** Reads {@code priv} once. */
    public void read(Cell priv, String what) {
        priv.touch(what);
    }
}
