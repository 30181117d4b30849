package dev.unbind.report.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, installed with apt-get when it is missing (on CI, as root, from the machine's
 * Debian mirror), so that {@code mvn -B verify} needs no other step. Anywhere it cannot be installed
 * the browser test fails with a line saying what to install: it is never skipped.
 */
final class ChromiumInstall {
    private ChromiumInstall() {
    }

    static synchronized void ensure() throws IOException, InterruptedException {
        if (Files.isExecutable(Chromium.BINARY)) {
            return;
        }
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get")) || !"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException(Chromium.BINARY + " is missing: install Debian's chromium "
                    + "(apt-get install chromium) to run the report's browser test");
        }
        if (apt("install", "-y", "--no-install-recommends", "chromium") != 0) {
            apt("update");
            if (apt("install", "-y", "--no-install-recommends", "chromium") != 0) {
                throw new IllegalStateException("apt-get install chromium failed; see target/apt-chromium.log");
            }
        }
    }

    private static int apt(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("apt-get", "-q"));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "apt-chromium.log").toFile()));
        b.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = b.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
