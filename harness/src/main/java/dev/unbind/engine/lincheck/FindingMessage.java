package dev.unbind.engine.lincheck;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a facade's {@code @Validate} names what the kernel found, so that the message Lincheck
 * prints (and the engine reads back) carries the catalogued defect id:
 * <pre>
 * unbind finding [drm.unregister-only.unfiltered-ioctl|drm.unregister-only.devm-kms-objects] UAF: use-after-free: ...
 * unbind finding [not in the catalogue] LEAK: leak: crtc_scanout#1 is still allocated at quiescence
 * </pre>
 * One line per finding, in the order the kernel reported them; the first is the verdict. The
 * brackets hold every catalogued defect of the variant the finding matches (the facade does not
 * know the check's scenario; the engine picks the one of that scenario).
 */
public final class FindingMessage {
    /** What stands in the brackets when no catalogued defect matches. */
    public static final String NOT_CATALOGUED = "not in the catalogue";

    private static final String PREFIX = "unbind finding [";
    private static final Pattern LINE = Pattern.compile(
            Pattern.quote(PREFIX) + "([^\\]]+)\\] ([A-Z_]+): ([^\\r\\n]*)");

    private FindingMessage() {
    }

    /** One line naming the defects the finding matches (none: not in the catalogue), the kind and the summary. */
    public static String line(List<String> defects, Finding f) {
        return PREFIX + (defects.isEmpty() ? NOT_CATALOGUED : String.join("|", defects)) + "] " + f.kind().name() + ": "
                + f.summary();
    }

    /** A finding named in a message; {@code defects} is empty when the message says it is not catalogued. */
    public record Named(List<String> defects, Kind kind, String summary) {
    }

    /** The first finding named in {@code text} (a Lincheck failure message), if any. */
    public static Optional<Named> first(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            Kind kind;
            try {
                kind = Kind.valueOf(m.group(2));
            } catch (IllegalArgumentException notAKind) {
                continue;
            }
            String ids = m.group(1);
            return Optional.of(new Named(NOT_CATALOGUED.equals(ids) ? List.of() : List.of(ids.split("\\|")), kind,
                    m.group(3).strip()));
        }
        return Optional.empty();
    }
}
