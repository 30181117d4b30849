package dev.unbind.finding;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A property violation as data.
 *
 * @param kind     the violated property
 * @param summary  one line, e.g. {@code use-after-free of drm_device#3 by ioctl}
 * @param object   the object involved ({@code drm_device#3}, {@code srcu drm_unplug_srcu}, {@code module helper})
 * @param sites    the sites involved, each with its role
 * @param witness  the named steps that led here, oldest first
 * @param faults   the faults fired before the finding
 * @param detail   extra text (a thread dump for hangs), may be empty
 * @param furtherAccesses how many more times the same actor hit the same object at the same step in
 *                 the same run after this finding (one bug, reported once, like KASAN stops at the
 *                 first bad access); 0 in journals written before findings were collapsed
 */
public record Finding(Kind kind, String summary, String object, List<Role> sites,
                      List<Step> witness, List<Firing> faults, String detail, int furtherAccesses) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        object = object == null ? "" : object;
        sites = List.copyOf(sites);
        witness = List.copyOf(witness);
        faults = List.copyOf(faults);
        detail = detail == null ? "" : detail;
    }

    /** The label of a finding that lies entirely in unchanged core code ({@link #suspectModel()}). */
    public static final String SUSPECT_MODEL = "suspect model: the finding lies entirely in unchanged core code";

    /**
     * True when every site that acted (all but where the memory was allocated) is known and lies
     * entirely in unchanged core code ({@link Site#inCore()}): the fix under test is not on the
     * spot, so the model of the core is the first suspect. False when any such site has a frame in
     * other code or its functions were not taken.
     */
    public boolean suspectModel() {
        List<Role> acting = sites.stream().filter(r -> !r.role().startsWith("allocated")).toList();
        return !acting.isEmpty() && acting.stream().allMatch(r -> r.site().inCore());
    }

    public Finding(Kind kind, String summary, String object, List<Role> sites,
                   List<Step> witness, List<Firing> faults, String detail) {
        this(kind, summary, object, sites, witness, faults, detail, 0);
    }

    /** This finding with one more access of the same bug folded into it. */
    public Finding withFurtherAccess() {
        return new Finding(kind, summary, object, sites, witness, faults, detail, furtherAccesses + 1);
    }

    /** The site of the offending access (the first site: accessed by, runs, freed again by...), if any. */
    public Optional<Site> offender() {
        return sites.isEmpty() ? Optional.empty() : Optional.of(sites.get(0).site());
    }

    /** The first site with the given role, if any. */
    public Optional<Site> site(String role) {
        return sites.stream().filter(r -> r.role().equals(role)).map(Role::site).findFirst();
    }

    /**
     * A stable signature for deduplication across runs and schedules: kind, object type (without
     * its instance number) and what each site did (for a hang, which actors were blocked). Where
     * an actor happened to be when it happened is left out: two findings with the same signature
     * are the same bug reached by different interleavings.
     */
    public String signature() {
        StringBuilder b = new StringBuilder(kind.name()).append('|').append(objectType());
        for (Role r : sites) {
            b.append('|').append(r.role()).append('=');
            b.append(kind == Kind.HANG ? r.site().actor() : normalise(r.site().what()));
        }
        return b.toString();
    }

    /**
     * Whether {@code signature} may be one of the further accesses folded into this finding: the same
     * kind, object and sites but for what the offending access did (a finding file recorded before
     * findings were collapsed may name the second field a handler read).
     */
    public boolean folds(String signature) {
        if (furtherAccesses == 0 || sites.isEmpty()) {
            return false;
        }
        String mine = signature();
        String[] a = mine.split("\\|", 4);
        String[] b = signature.split("\\|", 4);
        return a.length == b.length && a.length >= 3 && a[0].equals(b[0]) && a[1].equals(b[1])
                && a[2].substring(0, a[2].indexOf('=') + 1).equals(b[2].substring(0, Math.max(0, b[2].indexOf('=') + 1)))
                && (a.length == 3 || a[3].equals(b[3]));
    }

    /** Drops instance numbers and the parts of a description that depend on the interleaving. */
    static String normalise(String what) {
        String w = what;
        for (String cut : new String[] {" (since ", "; ", " held by ", " inside since "}) {
            int i = w.indexOf(cut);
            if (i >= 0) {
                w = w.substring(0, i);
            }
        }
        return w.replaceAll("#\\d+", "");
    }

    /** {@code drm_device#3} becomes {@code drm_device}. */
    public String objectType() {
        int hash = object.indexOf('#');
        return hash < 0 ? object : object.substring(0, hash);
    }
}
