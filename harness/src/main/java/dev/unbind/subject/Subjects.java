package dev.unbind.subject;

import dev.unbind.fault.PointGlob;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The families on the class path, and selection of variants by id glob. */
public final class Subjects {
    private final List<Family<?>> families;

    private Subjects(List<Family<?>> families) {
        this.families = List.copyOf(families);
    }

    /** Every family registered with ServiceLoader, in id order. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Subjects load() {
        List<Family<?>> found = new ArrayList<>();
        for (Family f : ServiceLoader.load(Family.class)) {
            found.add(f);
        }
        found.sort((a, b) -> a.id().compareTo(b.id()));
        return new Subjects(found);
    }

    public static Subjects of(List<Family<?>> families) {
        return new Subjects(families);
    }

    public List<Family<?>> families() {
        return families;
    }

    public Family<?> family(String id) {
        for (Family<?> f : families) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no family '" + id + "'");
    }

    /** A variant together with its family. */
    public record Selected(Family<?> family, Variant<?> variant) {
        public String id() {
            return variant.id();
        }
    }

    /**
     * The variants whose id matches any of the globs ({@code drm.*}, {@code misc.rwsem-*}); an
     * empty result is an error naming the glob, so a typo never runs nothing.
     */
    public List<Selected> select(List<String> globs) {
        List<Selected> out = new ArrayList<>();
        for (String g : globs) {
            PointGlob glob = new PointGlob(g);
            List<Selected> hit = new ArrayList<>();
            for (Family<?> f : families) {
                for (Variant<?> v : f.variants()) {
                    if (glob.matches(v.id()) || glob.matches(f.id())) {
                        hit.add(new Selected(f, v));
                    }
                }
            }
            if (hit.isEmpty()) {
                throw new IllegalArgumentException("no subject matches '" + g + "' (./unbind list shows them)");
            }
            for (Selected s : hit) {
                if (out.stream().noneMatch(x -> x.id().equals(s.id()))) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The family that declares {@code variantId}. */
    public Selected find(String variantId) {
        List<Selected> s = select(List.of(variantId));
        return s.get(0);
    }
}
