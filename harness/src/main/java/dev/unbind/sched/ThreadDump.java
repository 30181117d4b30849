package dev.unbind.sched;

import dev.unbind.kernel.Actor;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Wait;

/** A thread dump of a kernel's actors for hang reports: state, wait, step, and model frames. */
final class ThreadDump {
    private ThreadDump() {
    }

    static String of(Kernel k, boolean withStacks) {
        StringBuilder b = new StringBuilder("Actors:\n");
        for (Actor a : k.actors()) {
            Wait w = a.blockedOn();
            String state = a.finished() ? "finished" : w != null ? "blocked on " + w.what() : "running";
            b.append("  ").append(a.name()).append(": ").append(state)
                    .append(" (last step ").append(a.stepName()).append(")\n");
            Thread t = a.thread();
            if (withStacks && t != null && !a.finished()) {
                int shown = 0;
                for (StackTraceElement e : t.getStackTrace()) {
                    String c = e.getClassName();
                    if (c.startsWith("dev.unbind.") && !c.startsWith("dev.unbind.sched.")
                            && !c.equals(Kernel.class.getName())) {
                        b.append("      at ").append(e).append('\n');
                        if (++shown == 12) {
                            break;
                        }
                    }
                }
            }
        }
        return b.toString();
    }
}
