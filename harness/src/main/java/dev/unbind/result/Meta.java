package dev.unbind.result;

import java.util.List;

/** What was run: the command, its selection, budget and seed, when, and on what. */
public record Meta(String command, List<String> subjects, String budget, long seed, String startedAt,
                   String finishedAt, String host, String java) {
    public Meta finished(String at) {
        return new Meta(command, subjects, budget, seed, startedAt, at, host, java);
    }
}
