package dev.unbind.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Writes the pages of a text report in one format: the main page (with the mutation section when the
 * directory holds {@code mutation.json}), each family's detail page and
 * each witness page, from the sinks a format makes ({@code (page title, links) -> sink}). Pages
 * a previous rendering of the same directory left in this format are removed first, so that the
 * directory holds exactly one report.
 */
final class ReportPages {
    private ReportPages() {
    }

    static void write(ReportView view, Path dir, Links main, String mainTitle, BiFunction<String, Links, Sink> sinks)
            throws IOException {
        Files.createDirectories(dir);
        Sink page = sinks.apply(mainTitle, main);
        ReportOutline.render(view, page);
        MutationSection.render(dir, page); // the mutate command's results, when the directory has them
        Files.writeString(dir.resolve(main.main()), page.toString(), StandardCharsets.UTF_8);
        Links below = main.below();
        clear(dir.resolve("families"), main.ext());
        clear(dir.resolve("witnesses"), main.ext());
        for (FamilyReport f : view.families()) {
            Sink detail = sinks.apply(f.id() + " — details", below);
            FamilyDetailPage.render(f, detail);
            save(dir, main.file(f.detailPage()), detail);
            for (Witness w : f.witnesses()) {
                Sink witness = sinks.apply(w.heading(), below);
                WitnessPage.render(f.id(), w, witness);
                save(dir, main.file(WitnessPage.path(w)), witness);
            }
        }
    }

    private static void save(Path dir, String file, Sink page) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, page.toString(), StandardCharsets.UTF_8);
    }

    private static void clear(Path pages, String ext) throws IOException {
        if (!Files.isDirectory(pages)) {
            return;
        }
        try (Stream<Path> old = Files.list(pages)) {
            for (Path p : (Iterable<Path>) old.filter(x -> x.getFileName().toString().endsWith(ext))::iterator) {
                Files.delete(p);
            }
        }
    }
}
