package dev.unbind.canary;

import dev.unbind.code.Core;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;

/** A planted piece of unchanged core code: it allocates, uses and frees a cell on behalf of drivers. */
@Core
public final class PlantedCore {
    public static final Point INSIDE = Point.step("planted.core.inside-access");

    private final Kernel k;

    public PlantedCore(Kernel k) {
        this.k = k;
    }

    public Cell coreAlloc(String type) {
        return k.memory().alloc(type, "kzalloc(" + type + ")");
    }

    /** An access that spans a named point, so that a free can land inside it. */
    public void coreUse(Cell c, String what) {
        try (Cell.Access a = c.enter(what)) {
            k.at(INSIDE);
        }
    }

    public void coreFree(Cell c) {
        k.memory().free(c, "kfree(" + c.name() + ")");
    }
}
