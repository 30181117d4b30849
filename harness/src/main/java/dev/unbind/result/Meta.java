package dev.unbind.result;

import java.util.List;

/**
 * What was run: the command, its selection, budget and seed, when, and on what. The line is
 * written when the command starts (no {@code finishedAt}) and again as its end marker.
 *
 * @param status      {@link #FINISHED}, or what stopped it ({@code interrupted by SIGINT after 12.0 s});
 *                    "" on the start line (and in journals older than the field)
 * @param minCoverage the share of catalogued defects the run must see to pass (0 to 1; 1 is {@code --strict})
 */
public record Meta(String command, List<String> subjects, String budget, long seed, String startedAt,
                   String finishedAt, String host, String java, String status, double minCoverage) {
    public static final String FINISHED = "finished";

    public Meta {
        status = status == null ? "" : status;
    }

    public Meta(String command, List<String> subjects, String budget, long seed, String startedAt,
                String finishedAt, String host, String java) {
        this(command, subjects, budget, seed, startedAt, finishedAt, host, java, "", 0);
    }

    public Meta finished(String at) {
        return ended(at, FINISHED);
    }

    /** The end marker: finished, or stopped as {@code how} says. */
    public Meta ended(String at, String how) {
        return new Meta(command, subjects, budget, seed, startedAt, at, host, java, how, minCoverage);
    }
}
