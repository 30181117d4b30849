package dev.unbind.kernel;

import dev.unbind.finding.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every actor of one kernel, under a unique name ({@code user}, {@code user#2}...), so that
 * witnesses, hang reports and window coverage can name who did what.
 */
final class ActorTable {
    private final Kernel kernel;
    private final List<Actor> actors = new CopyOnWriteArrayList<>();

    ActorTable(Kernel kernel) {
        this.kernel = kernel;
    }

    /** A new actor called {@code name}, made unique with {@code #n}. */
    Actor add(String name, boolean participant) {
        synchronized (actors) {
            String unique = name;
            int n = 1;
            while (named(unique) != null) {
                unique = name + "#" + (++n);
            }
            Actor a = new Actor(kernel, unique, participant);
            actors.add(a);
            return a;
        }
    }

    /** A snapshot, in registration order; safe to iterate while actors are added. */
    List<Actor> all() {
        return actors;
    }

    Actor named(String name) {
        for (Actor a : actors) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** True while some actor other than {@code except} is inside an operation named in {@code ops}. */
    boolean inFlight(Set<String> ops, Actor except) {
        for (Actor a : actors) {
            String op = a.op();
            if (a != except && op != null && ops.contains(op)) {
                return true;
            }
        }
        return false;
    }

    /** Where each unfinished blocked actor waits: the sites of a hang report. */
    List<Role> blockedSites() {
        List<Role> sites = new ArrayList<>();
        for (Actor a : actors) {
            Wait w = a.blockedOn();
            if (w != null && !a.finished()) {
                sites.add(Role.of("blocked", a.site(w.what()).withFrames(kernel.framesOf(a))));
            }
        }
        return sites;
    }

    /** Aborts every blocked actor, so that a hung run can finish. */
    void abortBlocked() {
        for (Actor a : actors) {
            if (a.blockedOn() != null) {
                a.abort();
            }
        }
    }
}
