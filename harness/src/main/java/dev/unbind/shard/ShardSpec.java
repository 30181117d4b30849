package dev.unbind.shard;

import java.util.Map;

/**
 * Which part of the matrix one process runs: part {@code index} (1-based) of {@code count}.
 * Given as {@code --shard I/N}, or as {@code --shard-count N} with the part taken from the
 * environment the way CI engines hand it out: {@code JOB_COMPLETION_INDEX} (a Kubernetes Indexed
 * Job, 0-based) or {@code CI_NODE_INDEX} (GitLab's {@code parallel:}, 1-based).
 */
public record ShardSpec(int index, int count) {
    /** Kubernetes Indexed Job: the pod's completion index, 0-based. */
    public static final String K8S_INDEX = "JOB_COMPLETION_INDEX";
    /** GitLab {@code parallel:}: the job's node index, 1-based. */
    public static final String GITLAB_INDEX = "CI_NODE_INDEX";
    /** The shard count when neither {@code --shard} nor {@code --shard-count} says it. */
    public static final String COUNT_ENV = "UNBIND_SHARD_COUNT";

    public ShardSpec {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": the part must be between 1 and the count");
        }
    }

    /** {@code 2/4}. */
    public static ShardSpec parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("--shard '" + text + "': expected I/N, e.g. 2/4");
        }
        return new ShardSpec(number(t.substring(0, slash), "--shard '" + text + "'"),
                number(t.substring(slash + 1), "--shard '" + text + "'"));
    }

    /**
     * The shard a process was asked to run, or null for the whole matrix.
     *
     * @param shard the {@code --shard} option (may be null)
     * @param count the {@code --shard-count} option (may be null)
     * @param env   the environment
     */
    public static ShardSpec resolve(String shard, Integer count, Map<String, String> env) {
        if (shard != null) {
            if (count != null) {
                throw new IllegalArgumentException("give either --shard I/N or --shard-count N, not both");
            }
            return parse(shard);
        }
        Integer n = count;
        if (n == null && present(env.get(COUNT_ENV))) {
            n = number(env.get(COUNT_ENV), COUNT_ENV);
        }
        if (n == null) {
            return null;
        }
        if (present(env.get(K8S_INDEX))) {
            return new ShardSpec(number(env.get(K8S_INDEX), K8S_INDEX) + 1, n);
        }
        if (present(env.get(GITLAB_INDEX))) {
            return new ShardSpec(number(env.get(GITLAB_INDEX), GITLAB_INDEX), n);
        }
        throw new IllegalArgumentException("a shard count of " + n + " needs the part: --shard I/N, or "
                + K8S_INDEX + " (0-based) or " + GITLAB_INDEX + " (1-based) in the environment");
    }

    public String label() {
        return index + "/" + count;
    }

    private static int number(String s, String what) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a whole number");
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return label();
    }
}
