package dev.unbind.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code unbind new FAMILY --variants a,b}: writes a skeleton family that compiles and runs, and
 * registers it. The explorer, stress, nightly, the generated JCStress tests and the derived
 * Lincheck checks pick it up with no other edit; docs/writing-a-subject.md says what to fill in.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Write a skeleton family (subject, model, the four standard races, an empty catalogue, "
                + "its Lincheck facade) under subjects/ and register it.")
final class NewCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FAMILY", description = "The family id (lower case: usbskel).")
    String family;

    @Option(names = "--variants", split = ",", required = true, paramLabel = "A,B",
            description = "The variants, pre-fix first; the last is the fix that must keep every property.")
    List<String> variants;

    @Option(names = "--call", defaultValue = "ioctl", paramLabel = "CALL",
            description = "The user call the standard races are about (default: ${DEFAULT-VALUE}).")
    String call;

    @Option(names = "--root", paramLabel = "DIR",
            description = "The repository root (default: the unbind checkout the launcher runs from, else the current directory).")
    Path root;

    private final Main main;

    NewCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() throws IOException {
        FamilySkeleton s = new FamilySkeleton(family, variants, call);
        Path repo = root != null ? root : Path.of(System.getProperty("unbind.home", "."));
        Path services = repo.resolve(FamilySkeleton.SERVICES);
        if (!Files.isRegularFile(services)) {
            throw new BadInput("no " + FamilySkeleton.SERVICES + " under " + repo.toAbsolutePath() + " (use --root)");
        }
        Path dir = repo.resolve(s.packageDir());
        if (Files.exists(dir)) {
            throw new BadInput("family " + family + " exists already: " + dir);
        }
        for (var f : s.files().entrySet()) {
            Path p = repo.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            main.out().println("wrote " + f.getKey());
        }
        String registered = Files.readString(services, StandardCharsets.UTF_8);
        Files.writeString(services, (registered.endsWith("\n") || registered.isEmpty() ? "" : "\n") + s.serviceLine() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        main.out().println("registered " + s.serviceLine() + " in " + FamilySkeleton.SERVICES);
        main.out().println("next: docs/writing-a-subject.md; then ./unbind explore '" + family + ".*'");
        return 0;
    }
}
