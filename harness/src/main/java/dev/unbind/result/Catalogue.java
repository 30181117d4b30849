package dev.unbind.result;

import dev.unbind.code.SourceLine;
import dev.unbind.subject.Defect;
import dev.unbind.subject.ErrnoRule;
import dev.unbind.subject.Family;
import dev.unbind.subject.Scenario;
import dev.unbind.subject.Subjects;
import dev.unbind.subject.Variant;
import dev.unbind.subject.VariantCode;

import java.util.List;

/**
 * A snapshot of the families as data (variants, scenarios, points, defects), written at the head
 * of every journal so a report can be rendered without the subjects on the class path.
 */
public record Catalogue(List<FamilyInfo> families) {

    /**
     * A family as data.
     *
     * @param teardownOps   the user operations whose latency the stress engine measures
     * @param errnoContract the family's errno contract, one rule a line ({@code read after unregister: -EIO})
     */
    public record FamilyInfo(String id, String title, String summary, List<VariantInfo> variants,
                             List<ScenarioInfo> scenarios, List<PointInfo> points, List<Defect> defects,
                             List<String> teardownOps, List<String> errnoContract) {
        public FamilyInfo(String id, String title, String summary, List<VariantInfo> variants,
                          List<ScenarioInfo> scenarios, List<PointInfo> points, List<Defect> defects) {
            this(id, title, summary, variants, scenarios, points, defects, List.of(), List.of());
        }
    }

    /**
     * A variant as data; {@code lines}: the {@code // FIX:} and {@code // BUG:} lines of its own
     * code, read from the sources when the catalogue was taken (empty when they were not at hand).
     */
    public record VariantInfo(String id, String title, String description, String expect, List<SourceLine> lines) {
        public VariantInfo {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }

        public VariantInfo(String id, String title, String description, String expect) {
            this(id, title, description, expect, List.of());
        }

        /** The marked lines of one kind ({@link SourceLine#FIX} or {@link SourceLine#BUG}). */
        public List<SourceLine> lines(String kind) {
            return lines.stream().filter(l -> l.kind().equals(kind)).toList();
        }

        public boolean fixed() {
            return "KEEPS_EVERY_PROPERTY".equals(expect);
        }
    }

    /**
     * A scenario as data.
     *
     * @param situation what user space holds when the device goes away ({@code FD_OPEN}...)
     * @param engines   the engines that run it ({@code explorer}, {@code stress}, {@code jcstress}, {@code lincheck})
     */
    public record ScenarioInfo(String id, String title, String situation, List<String> engines) {
        public ScenarioInfo(String id, String title) {
            this(id, title, "NONE", Scenario.ALWAYS);
        }
    }

    /**
     * A named point as data; {@code guards}: for a race window, the object-type globs it guards
     * ("" or null when none are declared, null in journals written before windows named them);
     * {@code core}: it is declared in unchanged core code ({@link dev.unbind.code.Core}, the kernel).
     */
    public record PointInfo(String name, String type, List<String> racingWith, String guards, boolean core) {
        public PointInfo(String name, String type, List<String> racingWith) {
            this(name, type, racingWith, "", false);
        }
    }

    public static Catalogue of(Subjects subjects) {
        return new Catalogue(subjects.families().stream().map(Catalogue::info).toList());
    }

    private static FamilyInfo info(Family<?> f) {
        List<VariantInfo> vs = f.variants().stream().map(v -> variant(f, v)).toList();
        List<ScenarioInfo> ss = f.scenarios().stream().map(Catalogue::scenario).toList();
        java.util.Set<String> core = VariantCode.corePoints(f);
        List<PointInfo> ps = f.points().stream()
                .map(p -> new PointInfo(p.name(), p.type().name(), List.copyOf(p.racingWith()), p.guarded(),
                        core.contains(p.name()))).toList();
        return new FamilyInfo(f.id(), f.title(), f.summary(), vs, ss, ps, f.defects(),
                f.teardownOps().stream().sorted().toList(), f.errnoContract().stream().map(ErrnoRule::toString).toList());
    }

    private static VariantInfo variant(Family<?> f, Variant<?> v) {
        return new VariantInfo(v.id(), v.title(), v.description(), v.expect().name(), VariantCode.marks(f, v));
    }

    private static ScenarioInfo scenario(Scenario<?> s) {
        return new ScenarioInfo(s.id(), s.title(), s.situation().name(), s.engines());
    }

    public FamilyInfo family(String id) {
        return families.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }

    public VariantInfo variant(String id) {
        for (FamilyInfo f : families) {
            for (VariantInfo v : f.variants()) {
                if (v.id().equals(id)) {
                    return v;
                }
            }
        }
        return null;
    }

    /** The catalogued defects of a variant. */
    public List<Defect> defectsOf(String variant) {
        return families.stream().flatMap(f -> f.defects().stream()).filter(d -> d.variant().equals(variant)).toList();
    }

    /** The catalogued defect a finding on {@code variant} in {@code scenario} shows, or null. */
    public Defect attribute(String variant, String scenario, dev.unbind.finding.Finding finding) {
        Defect any = null;
        for (Defect d : defectsOf(variant)) {
            if (d.matches(finding)) {
                if (d.scenario().equals(scenario)) {
                    return d;
                }
                if (any == null) {
                    any = d;
                }
            }
        }
        return any;
    }
}
