package dev.unbind.engine.explore;

import dev.unbind.engine.Target;
import dev.unbind.finding.Finding;
import dev.unbind.sched.Decision;
import dev.unbind.sched.ScheduleStrategy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Stateless depth-first search over the schedules of one target, bounded by the number of
 * preemptive switches (a switch away from an actor that could have gone on). Each schedule is
 * a fresh deterministic run; the search extends the explored prefix one decision at a time and
 * backtracks to the deepest decision with an untried alternative within the bound.
 */
final class ScheduleSearch {
    /** One decision of the current run, with the alternatives already tried there. */
    private static final class Node {
        Decision decision;
        final String previous;
        final int preemptionsBefore;
        final Set<String> tried = new HashSet<>();

        Node(Decision decision, String previous, int preemptionsBefore) {
            this.decision = decision;
            this.previous = previous;
            this.preemptionsBefore = preemptionsBefore;
            tried.add(decision.actor());
        }
    }

    /** The search's verdict on a run: keep going, or stop here. */
    interface Visitor {
        /** @return false to stop the search */
        boolean visit(Trial.Outcome outcome, List<String> prefix);
    }

    private final Target target;
    private final int bound;
    private final int maxSchedules;
    private final ExploreOptions options;
    private int schedules;
    private boolean exhausted;

    ScheduleSearch(Target target, int bound, int maxSchedules, ExploreOptions options) {
        this.target = target;
        this.bound = bound;
        this.maxSchedules = maxSchedules;
        this.options = options;
    }

    int schedules() {
        return schedules;
    }

    /** True if every schedule within the bound was run. */
    boolean exhausted() {
        return exhausted;
    }

    void run(Visitor visitor) {
        List<Node> stack = new ArrayList<>();
        List<String> prefix = new ArrayList<>();
        while (schedules < maxSchedules && !options.pastDeadline()) {
            Trial.Outcome out = Trial.replay(target, prefix);
            schedules++;
            if (!visitor.visit(out, prefix)) {
                return;
            }
            List<Decision> ds = out.decisions();
            while (stack.size() > prefix.size()) {
                stack.remove(stack.size() - 1);
            }
            for (int i = 0; i < stack.size() && i < ds.size(); i++) {
                stack.get(i).decision = ds.get(i); // the backtracked node now holds the alternative taken
            }
            for (int i = stack.size(); i < ds.size(); i++) {
                String previous = i == 0 ? null : ds.get(i - 1).actor();
                int before = i == 0 ? 0 : stack.get(i - 1).preemptionsBefore + (stack.get(i - 1).decision.preemption() ? 1 : 0);
                stack.add(new Node(ds.get(i), previous, before));
            }
            prefix = backtrack(stack);
            if (prefix == null) {
                exhausted = true;
                return;
            }
        }
    }

    private List<String> backtrack(List<Node> stack) {
        for (int i = stack.size() - 1; i >= 0; i--) {
            Node n = stack.get(i);
            for (String alt : n.decision.enabled()) {
                if (n.tried.contains(alt)) {
                    continue;
                }
                boolean preempts = n.previous != null && !alt.equals(n.previous) && n.decision.enabled().contains(n.previous);
                if (n.preemptionsBefore + (preempts ? 1 : 0) > bound) {
                    continue;
                }
                n.tried.add(alt);
                List<String> prefix = new ArrayList<>(i + 1);
                for (int j = 0; j < i; j++) {
                    prefix.add(stack.get(j).decision.actor());
                }
                prefix.add(alt);
                while (stack.size() > i) {
                    stack.remove(stack.size() - 1);
                }
                stack.add(n); // keep the node with its tried set; its decision is replaced by the next run
                return prefix;
            }
        }
        return null;
    }

    /**
     * Shrinks a failing schedule: drops preemptions from the last one backwards, keeping each
     * drop that still produces a finding accepted by {@code same}. The result has the fewest
     * preemptions this greedy pass can reach.
     */
    static Trial.Outcome shrink(Target t, Trial.Outcome failing, Predicate<Finding> same) {
        Trial.Outcome best = failing;
        boolean improved = true;
        while (improved) {
            improved = false;
            List<Decision> ds = best.decisions();
            for (int i = ds.size() - 1; i >= 0; i--) {
                if (!ds.get(i).preemption()) {
                    continue;
                }
                List<String> candidate = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    candidate.add(ds.get(j).actor());
                }
                Trial.Outcome out = Trial.run(t, new ScheduleStrategy(candidate));
                if (out.findings().stream().anyMatch(same)) {
                    best = out;
                    improved = true;
                    break;
                }
            }
        }
        return best;
    }
}
