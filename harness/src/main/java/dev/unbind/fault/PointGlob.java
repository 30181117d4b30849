package dev.unbind.fault;

import java.util.regex.Pattern;

/**
 * A glob over point names: {@code *} matches any run of characters, {@code ?} one character,
 * everything else literally. {@code drm.probe.*} matches every point of the DRM probe path.
 */
public record PointGlob(String glob) {
    public PointGlob {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("empty point glob");
        }
    }

    public boolean matches(String name) {
        return compiled().matcher(name).matches();
    }

    private Pattern compiled() {
        return Cache.get(glob);
    }

    public static Pattern toRegex(String glob) {
        StringBuilder b = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> b.append(".*");
                case '?' -> b.append('.');
                default -> b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(b.toString());
    }

    @Override
    public String toString() {
        return glob;
    }

    private static final class Cache {
        private static final java.util.concurrent.ConcurrentHashMap<String, Pattern> PATTERNS =
                new java.util.concurrent.ConcurrentHashMap<>();

        static Pattern get(String glob) {
            return PATTERNS.computeIfAbsent(glob, PointGlob::toRegex);
        }
    }
}
