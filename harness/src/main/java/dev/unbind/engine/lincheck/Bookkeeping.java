package dev.unbind.engine.lincheck;

import org.jetbrains.lincheck.datastructures.ManagedStrategyGuarantee;

import java.util.List;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

/**
 * The simulated kernel's bookkeeping, which Lincheck's model checker need not explore: the trace
 * of named steps, the findings, actor names and sites, allocation records, named points (free
 * under Lincheck) and the progress counter. None of it decides what the protocol does; all of it
 * touches shared memory, and left analysed it multiplies both the switch points to explore and
 * the cost of every invocation. The code still runs (witnesses and findings are recorded); the
 * model checker only stops looking inside it.
 *
 * <p>What stays analysed is everything a race is made of: cells' lifetimes and access spans,
 * locks, SRCU, krefs, completions, wait queues, workqueues, modules, files and the subject.
 */
public final class Bookkeeping {
    private Bookkeeping() {
    }

    public static List<ManagedStrategyGuarantee> guarantees() {
        return List.of(
                forClasses("dev.unbind.kernel.Trace", "dev.unbind.kernel.Findings", "dev.unbind.finding.Finding",
                        "dev.unbind.finding.Site", "dev.unbind.finding.Role", "dev.unbind.finding.Step",
                        "dev.unbind.finding.Firing", "dev.unbind.kernel.Errno", "dev.unbind.kernel.Point",
                        "dev.unbind.engine.lincheck.Invocations").allMethods().ignore(),
                forClasses("dev.unbind.kernel.Kernel").methods("self", "actor", "newActor", "register", "actorNamed",
                        "actors", "at", "fails", "kzalloc", "report", "reportStall", "progress", "progressMark",
                        "fallibleSteps", "findingList", "findings", "trace").ignore(),
                forClasses("dev.unbind.kernel.Actor").methods("site", "step", "stepName", "op", "name", "nextHit",
                        "toString").ignore(),
                forClasses("dev.unbind.kernel.Cell").methods("name", "type", "generation", "allocSite", "freeSite",
                        "toString").ignore(),
                forClasses("dev.unbind.kernel.Memory").methods("alloc", "allocInSlot", "global", "staticObject", "add",
                        "leaked", "allocated").ignore());
    }
}
