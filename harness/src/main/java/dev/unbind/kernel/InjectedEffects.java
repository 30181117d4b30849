package dev.unbind.kernel;

import dev.unbind.fault.DelayKind;
import dev.unbind.fault.EventKind;
import dev.unbind.fault.FaultInjector;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * What an injected fault does to one kernel: a delay spins, yields or parks the actor at the
 * point; an event delivers a signal, or runs the scenario's handler for it (unbind, unload,
 * hardware gone). Unbind and unload run "now" in a task of their own, and the actor that hit the
 * point waits until that task has finished or is blocked.
 */
final class InjectedEffects implements FaultInjector.Effects {
    private final Kernel kernel;
    private final Map<EventKind, Consumer<String>> eventHandlers = new EnumMap<>(EventKind.class);

    InjectedEffects(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Handles an injected event of this kind; the argument is the rule's target (may be null). */
    void onEvent(EventKind kind, Consumer<String> handler) {
        synchronized (eventHandlers) {
            eventHandlers.put(kind, handler);
        }
    }

    @Override
    public void delay(DelayKind kind, long amount) {
        switch (kind) {
            case SPIN -> {
                for (long i = 0; i < amount; i++) {
                    Thread.onSpinWait();
                }
            }
            case YIELD -> {
                for (long i = 0; i < amount; i++) {
                    Thread.yield();
                }
            }
            case PARK -> LockSupport.parkNanos(amount);
        }
    }

    @Override
    public void event(EventKind kind, String target) {
        Actor me = kernel.self();
        if (kind == EventKind.SIGNAL) {
            Actor victim = target == null ? me : kernel.actorNamed(target);
            if (victim != null) {
                victim.signal(true);
            }
            return;
        }
        Consumer<String> handler;
        synchronized (eventHandlers) {
            handler = eventHandlers.get(kind);
        }
        if (handler == null) {
            kernel.trace().record(me.name(), "  ! event " + kind.word() + " has no handler in this scenario");
            return;
        }
        if (kind == EventKind.HW_GONE) {
            handler.accept(target);
            return;
        }
        // unbind / unload happen in another task, "now": this actor waits until that task has
        // finished or is blocked, then goes on.
        Actor ev = kernel.spawn("event:" + kind.word(), () -> handler.accept(target));
        kernel.block(Wait.of("injected " + kind.word() + " to run", () -> ev.finished() || ev.blockedOn() != null),
                WaitMode.UNINTERRUPTIBLE, -1);
    }

    @Override
    public int seq() {
        return kernel.trace().size();
    }
}
