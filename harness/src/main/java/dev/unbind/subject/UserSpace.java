package dev.unbind.subject;

import dev.unbind.kernel.Actor;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.OpenResult;
import dev.unbind.kernel.fs.Vma;
import dev.unbind.kernel.Wait;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The user-space side of a machine: the fds and mappings its processes hold, so that
 * quiescence can close and unmap whatever a scenario left open (process exit), and the
 * things users do to each other (killing a process once remove has returned).
 */
public final class UserSpace {
    private final List<File> open = new ArrayList<>();
    private final List<Vma> mapped = new ArrayList<>();

    /** Remembers an fd an open(2) returned. */
    public OpenResult opened(OpenResult r) {
        if (r.ok()) {
            synchronized (open) {
                open.add(r.file());
            }
        }
        return r;
    }

    /** Forgets an fd before close(2); false if it was already closed (close it only once). */
    public boolean closing(File f) {
        synchronized (open) {
            return open.remove(f);
        }
    }

    public Vma mapped(Vma v) {
        if (v != null) {
            synchronized (mapped) {
                mapped.add(v);
            }
        }
        return v;
    }

    /** Forgets a mapping before munmap; false if it was already unmapped. */
    public boolean unmapping(Vma v) {
        synchronized (mapped) {
            return mapped.remove(v);
        }
    }

    /** Process exit: every mapping is unmapped, then every fd closed, with the given calls. */
    public void exit(Consumer<Vma> munmap, Consumer<File> close) {
        List<Vma> vmas;
        synchronized (mapped) {
            vmas = List.copyOf(mapped);
        }
        vmas.forEach(munmap);
        List<File> files;
        synchronized (open) {
            files = List.copyOf(open);
        }
        files.forEach(close);
    }

    /**
     * The user kills its process (SIGKILL) once {@code waitFor} has returned: it never gives up
     * first, so a remove that waits for the victim hangs, as P-HANG demands to detect.
     */
    public static void killAfter(Kernel k, String waitFor, String victim) {
        k.block(Wait.of("the user waits for " + waitFor + " to return before killing " + victim, () -> {
            Actor r = k.actorNamed(waitFor);
            return r != null && r.finished();
        }));
        Actor v = k.actorNamed(victim);
        if (v != null) {
            v.signal(true);
        }
    }
}
