package dev.unbind.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unbind.result.Catalogue;
import dev.unbind.result.Journal;
import dev.unbind.subject.Defect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code unbind list}: families, variants, scenarios, fault points and catalogued defects. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List families, variants, scenarios, fault points and catalogued defects.")
final class ListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the catalogue as JSON.")
    boolean json;

    private final Main main;

    ListCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() throws Exception {
        Catalogue c = Catalogue.of(main.subjects());
        PrintStream out = main.out();
        if (json) {
            out.println(Journal.json().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(c));
            return 0;
        }
        for (Catalogue.FamilyInfo f : c.families()) {
            out.println(f.id() + " — " + f.title());
            out.println("  variants:");
            for (Catalogue.VariantInfo v : f.variants()) {
                out.printf("    %-30s %-22s %s%n", v.id(), v.fixed() ? "keeps every property" : "shows its defects", v.title());
            }
            out.println("  scenarios:");
            for (Catalogue.ScenarioInfo s : f.scenarios()) {
                out.printf("    %-30s %-14s %-36s %s%n", s.id(), s.situation(), String.join(",", s.engines()), s.title());
            }
            out.println("  fault points (fallible steps):");
            f.points().stream().filter(p -> p.type().equals("FALLIBLE")).forEach(p -> out.println("    " + p.name()));
            out.println("  race windows:");
            f.points().stream().filter(p -> p.type().equals("WINDOW"))
                    .forEach(p -> out.println("    " + p.name() + (p.racingWith().isEmpty() ? "" : "   (racing " + String.join(", ", p.racingWith()) + ")")));
            out.println("  catalogued defects:");
            for (Defect d : f.defects()) {
                out.printf("    %-52s %-10s %-28s %s%n", d.id(), d.property(), d.scenario()
                        + (d.faults().isEmpty() ? "" : " +faults"), d.title());
            }
            out.println();
        }
        return 0;
    }
}
