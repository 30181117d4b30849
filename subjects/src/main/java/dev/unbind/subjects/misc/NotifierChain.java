package dev.unbind.subjects.misc;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.RwSem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * struct blocking_notifier_head (kernel/notifier.c): a list of notifier blocks behind an rwsem,
 * living in the memory of the object that owns the chain.
 *
 * <p>Rules:
 * <ol>
 *   <li>{@link #call} runs every registered block under the read side; {@link #register} and
 *       {@link #unregister} take the write side, so an unregister returns only after every
 *       callback of the block in flight has returned.</li>
 *   <li>Every operation reads the head, so a chain in freed memory is a use-after-free.</li>
 *   <li>A block still registered when its owner's code is gone or fenced is called anyway: the
 *       chain knows nothing about drivers.</li>
 * </ol>
 */
@dev.unbind.code.Core
final class NotifierChain {
    /** notifier actions of the EC event chains. */
    static final long MKBP_EVENT = 1;
    /** The chardev's own action: its device is going away, sleepers must re-check. */
    static final long DEVICE_GONE = 2;

    /** struct notifier_block: code owned by a module, called with the action. */
    static final class Block {
        final Module owner;
        final String name;
        private final LongConsumer call;

        Block(Module owner, String name, LongConsumer call) {
            this.owner = owner;
            this.name = name;
            this.call = call;
        }
    }

    private final String name;
    private final Cell home;
    private final RwSem rwsem;
    private final List<Block> blocks = new ArrayList<>();

    NotifierChain(Kernel k, String name, Cell home) {
        this.name = name;
        this.home = home;
        this.rwsem = new RwSem(k, name + ".rwsem", home);
    }

    /** blocking_notifier_chain_register (cannot fail for a block that is not on the chain). */
    void register(Block nb) {
        rwsem.downWrite();
        home.touch("blocking_notifier_chain_register(" + name + ")");
        synchronized (blocks) {
            blocks.add(nb);
        }
        rwsem.upWrite();
    }

    /** blocking_notifier_chain_unregister: waits for callbacks in flight. */
    void unregister(Block nb) {
        rwsem.downWrite();
        home.touch("blocking_notifier_chain_unregister(" + name + ")");
        synchronized (blocks) {
            blocks.remove(nb);
        }
        rwsem.upWrite();
    }

    /** blocking_notifier_call_chain. */
    void call(long action) {
        rwsem.downRead();
        try {
            home.touch("blocking_notifier_call_chain(" + name + ")");
            List<Block> now;
            synchronized (blocks) {
                now = List.copyOf(blocks);
            }
            for (Block nb : now) {
                if (nb.owner != null) {
                    nb.owner.call(nb.name);
                }
                nb.call.accept(action);
            }
        } finally {
            rwsem.upRead();
        }
    }
}
