package dev.unbind.kernel.device;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Point;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The devres list of one device (drivers/base/devres.c): managed resources released in reverse
 * order of acquisition.
 *
 * <p>Rules:
 * <ol>
 *   <li>Released LIFO by the driver core after remove() returns, and on probe failure — never
 *       while an open file might still need them, unless the protocol fences first.</li>
 *   <li>{@link #addOrReset} runs the action at once if registering it fails.</li>
 *   <li>Release actions are code: a {@link Callback} into the driver's module is checked like any call.</li>
 * </ol>
 */
public final class Devres {
    private final Kernel kernel;
    private final Device dev;
    private final Deque<Callback> actions = new ArrayDeque<>();

    Devres(Kernel kernel, Device dev) {
        this.kernel = kernel;
        this.dev = dev;
    }

    /** devm_add_action. */
    public void add(Callback release) {
        synchronized (actions) {
            actions.push(release);
        }
    }

    /** devm_add_action_or_reset: 0, or -ENOMEM after running {@code release} when registration fails. */
    public int addOrReset(Point fallible, Callback release) {
        if (kernel.fails(fallible)) {
            release.call();
            return -Errno.ENOMEM;
        }
        add(release);
        return 0;
    }

    /** devm_kzalloc: null when the allocation fails; otherwise freed at devres release. */
    public Cell kzalloc(Point fallible, String type) {
        Cell c = kernel.kzalloc(fallible, type);
        if (c != null) {
            add(Callback.builtin("devm_kfree(" + c.name() + ")", () -> kernel.memory().free(c, "devres: kfree(" + c.name() + ")")));
        }
        return c;
    }

    /** devres_release_all: LIFO. */
    public void releaseAll() {
        while (true) {
            Callback next;
            synchronized (actions) {
                next = actions.poll();
            }
            if (next == null) {
                return;
            }
            next.call();
        }
    }

    public int size() {
        synchronized (actions) {
            return actions.size();
        }
    }

    @Override
    public String toString() {
        return "devres of " + dev.name();
    }
}
