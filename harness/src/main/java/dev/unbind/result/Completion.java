package dev.unbind.result;

import java.util.List;

/**
 * Whether the run behind a journal finished: every command that wrote to it wrote its end marker
 * (the meta line with {@code finishedAt} and status {@link Meta#FINISHED}). A run stopped by a
 * signal writes its end marker with the signal as status; one killed outright (kill -9, power
 * loss) leaves none. Either way the reports say INCOMPLETE.
 *
 * @param complete true when every command finished
 * @param why      "" when complete, else what cut it ({@code interrupted by SIGTERM after 41.2 s})
 */
public record Completion(boolean complete, String why) {
    static Completion of(List<Meta> metas) {
        for (Meta m : metas) {
            if (m.finishedAt() == null || m.finishedAt().isEmpty()) {
                return new Completion(false, m.command() + " left no end marker in the journal (killed, or still running)");
            }
            if (m.status() != null && !m.status().isEmpty() && !m.status().equals(Meta.FINISHED)) {
                return new Completion(false, m.command() + " was " + m.status());
            }
        }
        return new Completion(true, "");
    }
}
