package dev.unbind.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The textual fault-spec syntax used by {@code --faults} and by finding files.
 *
 * <pre>
 * spec    := rule ( ';' rule )*
 * rule    := 'fail'  ':' glob [ ':' select ( ',' select )* ]
 *          | 'delay' ':' glob ':' delay  ( ',' select )*
 *          | 'event' ':' glob ':' event  ( ',' select )*
 * select  := 'p=' 0..1 | 'interval=' n | 'times=' n | 'actor=' glob | 'nth=' n
 * delay   := 'spin=' n | 'yield=' n | 'park=' duration          (duration: 500ns, 200us, 2ms, 1s)
 * event   := 'unbind' | 'unload' [ '=' module ] | 'signal' [ '=' actor ] | 'hw-gone'
 * glob    := point name with '*' and '?' wildcards
 * </pre>
 *
 * Examples: {@code fail:drm.probe.*:nth=2}, {@code fail:*.kzalloc*:p=0.1,times=3,actor=probe},
 * {@code delay:drm.ioctl.after-unplugged-check:park=200us}, {@code event:drm.commit.tail:unbind,times=1}.
 */
public final class FaultSpec {
    private FaultSpec() {
    }

    public static FaultPlan parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return FaultPlan.NONE;
        }
        List<FaultRule> rules = new ArrayList<>();
        String[] parts = spec.split("[;\\n]");
        int n = 0;
        for (String raw : parts) {
            String rule = raw.strip();
            if (rule.isEmpty()) {
                continue;
            }
            n++;
            try {
                rules.add(parseRule(rule));
            } catch (FaultSpecException e) {
                throw new FaultSpecException("fault spec rule " + n + " ('" + rule + "'): " + e.getMessage());
            }
        }
        return new FaultPlan(rules);
    }

    private static FaultRule parseRule(String rule) {
        String[] f = rule.split(":", 3);
        if (f.length < 2 || f[1].isBlank()) {
            throw new FaultSpecException("expected action:point-glob[:options], e.g. fail:drm.probe.*:nth=2");
        }
        String action = f[0].strip();
        PointGlob where = new PointGlob(f[1].strip());
        List<String> options = new ArrayList<>();
        if (f.length == 3) {
            for (String o : f[2].split(",")) {
                if (o.isBlank()) {
                    throw new FaultSpecException("empty option in '" + f[2] + "'");
                }
                options.add(o.strip());
            }
        }
        return switch (action) {
            case "fail" -> new FaultRule.Fail(where, selection(options));
            case "delay" -> delay(where, options);
            case "event" -> event(where, options);
            default -> throw new FaultSpecException("unknown action '" + action + "' (use fail, delay or event)");
        };
    }

    private static FaultRule delay(PointGlob where, List<String> options) {
        DelayKind kind = null;
        long amount = 0;
        List<String> rest = new ArrayList<>();
        for (String o : options) {
            String[] kv = o.split("=", 2);
            DelayKind k = DelayKind.parse(kv[0]);
            if (k == null) {
                rest.add(o);
                continue;
            }
            if (kind != null) {
                throw new FaultSpecException("'" + o + "': a delay rule takes one of spin=, yield=, park=");
            }
            if (kv.length < 2) {
                throw new FaultSpecException("'" + o + "' needs a value");
            }
            kind = k;
            amount = k == DelayKind.PARK ? parseDuration(kv[1], o) : positive(kv[1], o);
        }
        if (kind == null) {
            throw new FaultSpecException("a delay rule needs spin=<n>, yield=<n> or park=<duration>");
        }
        return new FaultRule.Delay(where, selection(rest), kind, amount);
    }

    private static FaultRule event(PointGlob where, List<String> options) {
        EventKind kind = null;
        String target = null;
        List<String> rest = new ArrayList<>();
        for (String o : options) {
            String[] kv = o.split("=", 2);
            EventKind k = EventKind.parse(kv[0]);
            if (k == null) {
                if (kv.length == 1) {
                    throw new FaultSpecException("unknown event '" + o + "' (use unbind, unload[=module], signal[=actor], hw-gone)");
                }
                rest.add(o);
                continue;
            }
            if (kind != null) {
                throw new FaultSpecException("'" + o + "': an event rule takes one event");
            }
            kind = k;
            if (kv.length == 2) {
                if (k == EventKind.UNBIND || k == EventKind.HW_GONE) {
                    throw new FaultSpecException("'" + o + "': " + k.word() + " takes no target");
                }
                if (kv[1].isBlank()) {
                    throw new FaultSpecException("'" + o + "': empty target");
                }
                target = kv[1];
            }
        }
        if (kind == null) {
            throw new FaultSpecException("an event rule needs one of unbind, unload[=module], signal[=actor], hw-gone");
        }
        return new FaultRule.Event(where, selection(rest), kind, target);
    }

    private static Selection selection(List<String> options) {
        double p = 1.0;
        int interval = 1;
        int times = -1;
        String actor = null;
        int nth = 0;
        for (String o : options) {
            String[] kv = o.split("=", 2);
            if (kv.length < 2 || kv[1].isBlank()) {
                throw new FaultSpecException("'" + o + "' is not key=value");
            }
            String v = kv[1].strip();
            switch (kv[0].strip()) {
                case "p" -> p = probability(v, o);
                case "interval" -> interval = positive(v, o);
                case "times" -> times = timesValue(v, o);
                case "actor" -> actor = v;
                case "nth" -> nth = positive(v, o);
                default -> throw new FaultSpecException("unknown option '" + kv[0] + "' (use p, interval, times, actor, nth)");
            }
        }
        return new Selection(p, interval, times, actor, nth);
    }

    private static double probability(String v, String o) {
        try {
            double p = Double.parseDouble(v);
            if (p < 0 || p > 1 || Double.isNaN(p)) {
                throw new FaultSpecException("'" + o + "': p must be between 0 and 1");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new FaultSpecException("'" + o + "': p must be a number between 0 and 1");
        }
    }

    private static int positive(String v, String o) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new FaultSpecException("'" + o + "': must be 1 or more");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new FaultSpecException("'" + o + "': '" + v + "' is not a whole number");
        }
    }

    private static int timesValue(String v, String o) {
        try {
            int n = Integer.parseInt(v);
            if (n < -1) {
                throw new FaultSpecException("'" + o + "': times must be -1 (unlimited) or more");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new FaultSpecException("'" + o + "': '" + v + "' is not a whole number");
        }
    }

    /** Parses {@code 500ns}, {@code 200us}, {@code 2ms}, {@code 1s} into nanoseconds. */
    public static long parseDuration(String v, String context) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        long scale;
        String num;
        if (s.endsWith("ns")) {
            scale = 1;
            num = s.substring(0, s.length() - 2);
        } else if (s.endsWith("us")) {
            scale = 1_000;
            num = s.substring(0, s.length() - 2);
        } else if (s.endsWith("ms")) {
            scale = 1_000_000;
            num = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            scale = 1_000_000_000;
            num = s.substring(0, s.length() - 1);
        } else {
            throw new FaultSpecException("'" + context + "': '" + v + "' is not a duration (use e.g. 500ns, 200us, 2ms, 1s)");
        }
        try {
            long n = Long.parseLong(num);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, scale);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new FaultSpecException("'" + context + "': '" + v + "' is not a duration (use e.g. 500ns, 200us, 2ms, 1s)");
        }
    }

    public static String formatDuration(long nanos) {
        if (nanos % 1_000_000_000 == 0 && nanos > 0) {
            return nanos / 1_000_000_000 + "s";
        }
        if (nanos % 1_000_000 == 0 && nanos > 0) {
            return nanos / 1_000_000 + "ms";
        }
        if (nanos % 1_000 == 0 && nanos > 0) {
            return nanos / 1_000 + "us";
        }
        return nanos + "ns";
    }
}
