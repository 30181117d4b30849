package dev.unbind.subject;

import dev.unbind.fault.PointGlob;
import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;

import java.util.Objects;

/**
 * A catalogued defect: which variant has it, which property it breaks, the scenario and faults
 * that expose it, and how to recognise its findings.
 *
 * @param id        stable id ({@code drm.unfiltered-ioctl})
 * @param variant   the variant id that has it
 * @param property  the property violated
 * @param title     one line
 * @param because   one sentence: why it happens
 * @param reference where it is described ({@code PROTOCOLS.md §6(c) D-R1}, or "found by unbind")
 * @param scenario  the scenario id that exposes it
 * @param faults    the fault spec that exposes it ("" for none)
 * @param object    globs over the finding's object type, separated by {@code |} ({@code clk|mmio}),
 *                  or null for any
 * @param site      globs over the steps and descriptions of the finding's sites, separated by
 *                  {@code |}, or null for any
 */
public record Defect(String id, String variant, Kind property, String title, String because, String reference,
                     String scenario, String faults, String object, String site) {
    public Defect {
        Objects.requireNonNull(id);
        Objects.requireNonNull(variant);
        Objects.requireNonNull(property);
        Objects.requireNonNull(scenario);
        faults = faults == null ? "" : faults;
    }

    /** Does this finding show this defect? */
    public boolean matches(Finding f) {
        if (f.kind() != property) {
            return false;
        }
        if (object != null && !anyMatches(object, f.objectType())) {
            return false;
        }
        if (site == null) {
            return true;
        }
        for (Role r : f.sites()) {
            if (anyMatches(site, r.site().step()) || anyMatches(site, r.site().what())) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(String globs, String text) {
        for (String g : globs.split("\\|")) {
            if (!g.isBlank() && new PointGlob(g.strip()).matches(text)) {
                return true;
            }
        }
        return false;
    }

    public String family() {
        return id.substring(0, id.indexOf('.'));
    }

    /** Starts a catalogue entry. */
    public static Builder of(String id, String variant, Kind property) {
        return new Builder(id, variant, property);
    }

    /** Builds a catalogue entry field by field, so that the entries read as prose. */
    public static final class Builder {
        private final String id;
        private final String variant;
        private final Kind property;
        private String title = "";
        private String because = "";
        private String reference = "";
        private String scenario;
        private String faults = "";
        private String object;
        private String site;

        private Builder(String id, String variant, Kind property) {
            this.id = id;
            this.variant = variant;
            this.property = property;
        }

        public Builder title(String t) {
            title = t;
            return this;
        }

        public Builder because(String b) {
            because = b;
            return this;
        }

        public Builder reference(String r) {
            reference = r;
            return this;
        }

        public Builder scenario(String s) {
            scenario = s;
            return this;
        }

        public Builder faults(String f) {
            faults = f;
            return this;
        }

        /** Recognise findings by object type glob. */
        public Builder object(String glob) {
            object = glob;
            return this;
        }

        /** Recognise findings by a site's step or description glob. */
        public Builder site(String glob) {
            site = glob;
            return this;
        }

        public Defect build() {
            return new Defect(id, variant, property, title, because, reference, scenario, faults, object, site);
        }
    }
}
