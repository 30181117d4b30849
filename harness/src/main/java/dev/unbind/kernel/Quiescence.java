package dev.unbind.kernel;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What must hold once a run is brought to rest (every file closed, the device removed, the
 * modules unloaded): no cell still allocated, no module reference left, and the checks models
 * register (an SRCU reader still inside, a fence never closed).
 */
final class Quiescence {
    private final Kernel kernel;
    private final List<Runnable> checks = new CopyOnWriteArrayList<>();
    private final List<Module> modules = new CopyOnWriteArrayList<>();

    Quiescence(Kernel kernel) {
        this.kernel = kernel;
    }

    void add(Runnable check) {
        checks.add(check);
    }

    void register(Module m) {
        modules.add(m);
    }

    /** Leaks first, then leaked module references, then the registered checks. */
    void check() {
        for (Cell c : kernel.memory().leaked()) {
            kernel.report(Kind.LEAK, "leak: " + c.name() + " is still allocated at quiescence", c.name(),
                    List.of(Role.of("allocated by", c.allocSite())), "");
        }
        for (Module m : modules) {
            m.checkQuiescent();
        }
        for (Runnable r : checks) {
            r.run();
        }
    }
}
