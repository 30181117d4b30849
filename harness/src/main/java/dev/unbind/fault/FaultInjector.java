package dev.unbind.fault;

import dev.unbind.finding.Firing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run-time side of a {@link FaultPlan} in one simulated kernel: counts matching hits per
 * rule, makes the decisions, and keeps the firing log. All decisions derive from the seed (see
 * {@link Selection}); nothing here reads a clock or a shared random generator.
 */
public final class FaultInjector {

    /** What the kernel does when a delay or an event fires. */
    public interface Effects {
        void delay(DelayKind kind, long amount);

        void event(EventKind kind, String target);

        /** The trace sequence number to stamp on a firing. */
        int seq();
    }

    private final FaultPlan plan;
    private final long seed;
    private final AtomicInteger[] hits;
    private final AtomicInteger[] counted;
    private final AtomicInteger[] fired;
    private final List<Firing> firings = new ArrayList<>();
    /** For each point name, the indexes of the rules whose glob matches it. */
    private final java.util.concurrent.ConcurrentHashMap<String, int[]> matching = new java.util.concurrent.ConcurrentHashMap<>();

    public FaultInjector(FaultPlan plan, long seed) {
        this.plan = plan;
        this.seed = seed;
        int n = plan.rules().size();
        hits = new AtomicInteger[n];
        counted = new AtomicInteger[n];
        fired = new AtomicInteger[n];
        for (int i = 0; i < n; i++) {
            hits[i] = new AtomicInteger();
            counted[i] = new AtomicInteger();
            fired[i] = new AtomicInteger();
        }
    }

    public boolean armed() {
        return !plan.isEmpty();
    }

    public FaultPlan plan() {
        return plan;
    }

    public long seed() {
        return seed;
    }

    /**
     * Decides whether the fallible step at {@code point} fails.
     *
     * @param hit the acting actor's hit number of this point (1-based)
     */
    public boolean shouldFail(String point, String actor, int hit, Effects fx) {
        List<FaultRule> rules = plan.rules();
        for (int i : rulesMatching(point)) {
            if (rules.get(i) instanceof FaultRule.Fail f && select(i, f.when(), point, actor, hit)) {
                log(fx.seq(), f, point, actor, hit, "fail");
                return true;
            }
        }
        return false;
    }

    /** Applies every delay and event rule selecting this hit of {@code point}. */
    public void atPoint(String point, String actor, int hit, Effects fx) {
        List<FaultRule> rules = plan.rules();
        for (int i : rulesMatching(point)) {
            FaultRule r = rules.get(i);
            if (r instanceof FaultRule.Fail || !select(i, r.when(), point, actor, hit)) {
                continue;
            }
            if (r instanceof FaultRule.Delay d) {
                log(fx.seq(), d, point, actor, hit, "delay " + d.kind().word() + " " + d.amount());
                fx.delay(d.kind(), d.amount());
            } else if (r instanceof FaultRule.Event e) {
                log(fx.seq(), e, point, actor, hit,
                        "event " + e.kind().word() + (e.target() == null ? "" : " " + e.target()));
                fx.event(e.kind(), e.target());
            }
        }
    }

    private int[] rulesMatching(String point) {
        return matching.computeIfAbsent(point, name -> {
            List<FaultRule> rules = plan.rules();
            return java.util.stream.IntStream.range(0, rules.size())
                    .filter(i -> rules.get(i).where().matches(name)).toArray();
        });
    }

    private boolean select(int rule, Selection s, String point, String actor, int hit) {
        int matching = hits[rule].incrementAndGet();
        if (s.nth() > 0) {
            return matching == s.nth();
        }
        if (s.times() == 0 || (s.times() > 0 && fired[rule].get() >= s.times())) {
            return false;
        }
        if (s.actor() != null && !new PointGlob(s.actor()).matches(actor)) {
            return false;
        }
        if (s.interval() > 1 && counted[rule].incrementAndGet() % s.interval() != 0) {
            return false;
        }
        if (s.probability() < 1.0 && uniform(rule, point, actor, hit) >= s.probability()) {
            return false;
        }
        if (s.times() > 0 && fired[rule].incrementAndGet() > s.times()) {
            return false;
        }
        return true;
    }

    /** A uniform number in [0,1) from the seed and the identity of this hit (SplitMix64 finaliser). */
    double uniform(int rule, String point, String actor, int hit) {
        long z = seed;
        z = mix(z ^ (rule + 1) * 0x9E3779B97F4A7C15L);
        z = mix(z ^ point.hashCode());
        z = mix(z ^ actor.hashCode());
        z = mix(z ^ hit);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void log(int seq, FaultRule rule, String point, String actor, int hit, String action) {
        synchronized (firings) {
            firings.add(new Firing(seq, rule.spec(), point, actor, hit, action));
        }
    }

    /** The firings so far, in the order they were logged. */
    public List<Firing> firings() {
        synchronized (firings) {
            return List.copyOf(firings);
        }
    }
}
