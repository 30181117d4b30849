package dev.unbind.kernel.device;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A refcount-managed resource group, like drmres (drivers/gpu/drm/drm_managed.c): actions and
 * allocations tied to an object's reference count instead of to driver binding.
 *
 * <p>Rules:
 * <ol>
 *   <li>The owner calls {@link #releaseAll()} from the release of its kref (the final put), so the
 *       resources live as long as any holder (an open file, an atomic state) does.</li>
 *   <li>Actions run LIFO, then the final allocation ({@link #finalKfree}) is freed.</li>
 *   <li>Each action is a function pointer: if its module is gone by then, the call is a MODULE
 *       finding (nothing in the group pins modules).</li>
 * </ol>
 */
public final class ManagedResources {
    private final Kernel kernel;
    private final String name;
    private final Deque<Callback> actions = new ArrayDeque<>();
    private volatile Cell finalKfree;

    public ManagedResources(Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
    }

    /** drmm_add_action. */
    public void add(Callback action) {
        synchronized (actions) {
            actions.push(action);
        }
    }

    /** drmm_add_action_or_reset: 0, or -ENOMEM after running {@code action} when registration fails. */
    public int addOrReset(Point fallible, Callback action) {
        if (kernel.fails(fallible)) {
            action.call();
            return -Errno.ENOMEM;
        }
        add(action);
        return 0;
    }

    /** drmm_kzalloc: null on failure; freed when the group is released. */
    public Cell kzalloc(Point fallible, String type) {
        Cell c = kernel.kzalloc(fallible, type);
        if (c != null) {
            add(Callback.builtin("drmm_kfree(" + c.name() + ")", () -> kernel.memory().free(c, name + ": kfree(" + c.name() + ")")));
        }
        return c;
    }

    /** drmm_add_final_kfree: the container freed after every action. */
    public void finalKfree(Cell container) {
        finalKfree = container;
    }

    /** drm_managed_release: every action LIFO, then the final kfree. */
    public void releaseAll() {
        while (true) {
            Callback next;
            synchronized (actions) {
                next = actions.poll();
            }
            if (next == null) {
                break;
            }
            next.call();
        }
        Cell c = finalKfree;
        if (c != null) {
            finalKfree = null;
            kernel.memory().free(c, name + ": final kfree(" + c.name() + ")");
        }
    }

    public int size() {
        synchronized (actions) {
            return actions.size();
        }
    }
}
