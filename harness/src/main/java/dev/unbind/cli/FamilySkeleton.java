package dev.unbind.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of a new family, from the templates under {@code /skeleton}: the model interface,
 * the driver the variants share, the device, the subject file (race diagram, rules, one nested
 * class per variant: every one but the last shows the textbook defect, the last is a fix that
 * keeps every property), the machine, the four standard races, an empty catalogue, the family,
 * its Lincheck facade and contract. Everything compiles and runs as written; what is to be
 * filled in is in parentheses.
 *
 * @param family   the family id ({@code usbskel})
 * @param variants the variant names without the family ({@code racy}, {@code fixed}); the last keeps every property
 * @param call     the user call the races are about ({@code ioctl}, {@code read})
 */
record FamilySkeleton(String family, List<String> variants, String call) {
    static final String SERVICES = "subjects/src/main/resources/META-INF/services/dev.unbind.subject.Family";

    FamilySkeleton {
        if (!family.matches("[a-z][a-z0-9]*")) {
            throw new BadInput("a family id is lower case letters and digits, starting with a letter: '" + family + "'");
        }
        if (variants.size() < 2) {
            throw new BadInput("a family needs at least two variants (one that shows its defects, one that keeps every property)");
        }
        for (String v : variants) {
            if (!v.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new BadInput("a variant name is lower case words joined by '-': '" + v + "'");
            }
        }
        if (variants.stream().distinct().count() != variants.size()) {
            throw new BadInput("variant names repeat: " + variants);
        }
        if (!call.matches("[a-z][a-z0-9]*")) {
            throw new BadInput("the call is a lower case system call name: '" + call + "'");
        }
        variants = List.copyOf(variants);
    }

    /** {@code usbskel} gives {@code Usbskel}. */
    String className() {
        return Character.toUpperCase(family.charAt(0)) + family.substring(1);
    }

    /** The family's package directory under the repository root. */
    String packageDir() {
        return "subjects/src/main/java/dev/unbind/subjects/" + family + "/";
    }

    /** The service line that registers the family. */
    String serviceLine() {
        return "dev.unbind.subjects." + family + "." + className() + "Family";
    }

    /** Path under the repository root to source text, in the order a reader should open them. */
    Map<String, String> files() {
        String p = className();
        Map<String, String> out = new LinkedHashMap<>();
        out.put(p + "Subject.java", fill(template("Subject").replace("${variants}", variantClasses())));
        out.put(p + ".java", fill(template("Model")));
        out.put(p + "Driver.java", fill(template("Driver")));
        out.put(p + "Device.java", fill(template("Device")));
        out.put(p + "Model.java", fill(template("Machine")));
        out.put(p + "Scenarios.java", fill(template("Scenarios")));
        out.put(p + "Defects.java", fill(template("Defects")));
        out.put(p + "Family.java", fill(template("Family").replace("${variantList}", variantList())));
        out.put(p + "Facade.java", fill(template("Facade")));
        out.put(p + "Contract.java", fill(template("Contract")));
        Map<String, String> rooted = new LinkedHashMap<>();
        out.forEach((name, text) -> rooted.put(packageDir() + name, text));
        return rooted;
    }

    private String variantClasses() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < variants.size(); i++) {
            boolean fixed = i == variants.size() - 1;
            b.append(template(fixed ? "Variant.fixed" : "Variant.defective")
                    .replace("${Variant}", camel(variants.get(i))).replace("${id}", family + "." + variants.get(i)));
        }
        return fill(b.toString());
    }

    private String variantList() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            boolean fixed = i == variants.size() - 1;
            String v = variants.get(i);
            entries.add("\n            new Variant<>(\"" + family + "." + v + "\", \"(one line: what " + v + " is)\",\n"
                    + "                    \"(a short paragraph: what changes and why, and where it comes from)\",\n"
                    + "                    Expectation." + (fixed ? "KEEPS_EVERY_PROPERTY" : "SHOWS_ITS_DEFECTS") + ",\n"
                    + "                    k -> new " + className() + "Model(k, " + className() + "Subject." + camel(v) + "::new))");
        }
        return String.join(",", entries);
    }

    private String fill(String text) {
        return text.replace("${family}", family).replace("${Family}", className()).replace("${call}", call);
    }

    static String camel(String kebab) {
        StringBuilder b = new StringBuilder();
        for (String part : kebab.split("-")) {
            b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return b.toString();
    }

    private static String template(String name) {
        try (InputStream in = FamilySkeleton.class.getResourceAsStream("/skeleton/" + name + ".java.txt")) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
