package dev.unbind.kernel;

import dev.unbind.finding.Site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocator of the simulated kernel: hands out {@link Cell}s, frees them, and knows which are
 * still live at quiescence.
 *
 * <p>Allocation itself never fails here; a fallible allocation is written in the model as
 * {@code if (k.fails(KZALLOC_X)) return -ENOMEM;} right before it (see {@link Kernel#kzalloc}).
 */
public final class Memory {
    private final Kernel kernel;
    private final List<Cell> cells = new ArrayList<>();
    private final Map<String, Integer> perType = new HashMap<>();
    private final Map<Object, Integer> slotGenerations = new HashMap<>();

    Memory(Kernel kernel) {
        this.kernel = kernel;
    }

    /** kzalloc: a new live cell of {@code type}, allocated by the calling actor. */
    public Cell alloc(String type, String what) {
        return add(type, 1, what, Cell.State.LIVE, false);
    }

    /**
     * A new live cell in a reusable slot (a minor number, an idr index): its generation is one
     * more than the previous occupant's.
     */
    public Cell allocInSlot(String type, Object slot, String what) {
        int gen;
        synchronized (this) {
            gen = slotGenerations.merge(slot, 1, Integer::sum);
        }
        return add(type, gen, what, Cell.State.LIVE, false);
    }

    /** A live cell that is not leak-checked: memory that outlives every scenario (a global). */
    public Cell global(String type) {
        return add(type, 1, "global " + type, Cell.State.LIVE, true);
    }

    /** Memory that was never allocated (static data, module text): freeing it is invalid. */
    public Cell staticObject(String type) {
        return add(type, 1, "static " + type, Cell.State.STATIC, true);
    }

    /** kfree. Double and invalid frees are reported; the call returns normally either way. */
    public void free(Cell cell, String what) {
        // the freer's own step, not the switch point below, and its functions: a later UAF names them
        Site by = kernel.self().site(what).withFrames(kernel.framesHere());
        kernel.at(KernelPoints.KFREE);
        cell.markFreed(by);
        kernel.progress();
    }

    /** Cells still live that should not be: the leaks, in allocation order. */
    public synchronized List<Cell> leaked() {
        List<Cell> out = new ArrayList<>();
        for (Cell c : cells) {
            if (c.state() == Cell.State.LIVE && !c.isGlobal()) {
                out.add(c);
            }
        }
        return out;
    }

    public synchronized int allocated() {
        return cells.size();
    }

    private Cell add(String type, int generation, String what, Cell.State state, boolean global) {
        Site site = kernel.self().site(what).withFrames(kernel.framesHere());
        synchronized (this) {
            int n = perType.merge(type, 1, Integer::sum);
            Cell c = new Cell(kernel, type + "#" + n, type, generation, site, state, global);
            cells.add(c);
            return c;
        }
    }
}
