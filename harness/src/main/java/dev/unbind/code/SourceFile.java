package dev.unbind.code;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java source file of the project read for its marked lines: every {@code // BUG:} and
 * {@code // FIX:} with the class whose body holds it, and the extent of every class and member
 * body, so that a frame's line can be matched to the marks of the function it is in. The braces
 * are counted outside strings, character literals and comments; nothing else is parsed.
 */
public final class SourceFile {
    private static final Pattern MARK = Pattern.compile("//\\s*(BUG|FIX)\\b:?\\s*(.*)$");
    private static final Pattern CLASS = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_]\\w*)");
    private static final Map<String, Optional<SourceFile>> CACHE = new ConcurrentHashMap<>();

    /** A body between braces: a class (named) or a member or block (unnamed) and its lines. */
    private record Block(String className, int from, int to, int depth) {
    }

    private final String source;
    private final List<Block> blocks;
    private final List<SourceLine> marks;

    private SourceFile(String source, List<Block> blocks, List<SourceLine> marks) {
        this.source = source;
        this.blocks = blocks;
        this.marks = marks;
    }

    /** The file at {@code source} (relative to the project root), read once; empty when it is not at hand. */
    public static Optional<SourceFile> of(String source) {
        if (source == null || source.isEmpty()) {
            return Optional.empty();
        }
        return CACHE.computeIfAbsent(source, s -> SourceRoot.resolve(s).flatMap(p -> read(s, p)));
    }

    /** The source file of a class, if it is at hand. */
    public static Optional<SourceFile> of(Class<?> c) {
        return SourceRoot.sourceOf(c).flatMap(SourceFile::of);
    }

    private static Optional<SourceFile> read(String source, Path p) {
        try {
            return Optional.of(parse(source, Files.readAllLines(p, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads {@code lines} as the file {@code source}. */
    public static SourceFile parse(String source, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>(); // {start line, index into names or -1}
        List<String> names = new ArrayList<>();
        Deque<String> classPath = new ArrayDeque<>();
        StringBuilder header = new StringBuilder(); // code since the last brace or semicolon
        boolean blockComment = false;
        List<int[]> markLines = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            boolean inString = false;
            boolean inChar = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
                if (blockComment) {
                    if (c == '*' && next == '/') {
                        blockComment = false;
                        i++;
                    }
                    continue;
                }
                if (inString || inChar) {
                    if (c == '\\') {
                        i++;
                    } else if (inString && c == '"' || inChar && c == '\'') {
                        inString = false;
                        inChar = false;
                    }
                    continue;
                }
                if (c == '/' && next == '/') {
                    break;
                }
                if (c == '/' && next == '*') {
                    blockComment = true;
                    i++;
                } else if (c == '"') {
                    inString = true;
                } else if (c == '\'') {
                    inChar = true;
                } else if (c == '{') {
                    Matcher m = CLASS.matcher(header);
                    String name = null;
                    while (m.find()) {
                        name = m.group(1);
                    }
                    if (name != null) {
                        classPath.addLast(name);
                        names.add(String.join(".", classPath));
                        open.push(new int[] {n, names.size() - 1});
                    } else {
                        open.push(new int[] {n, -1});
                    }
                    header.setLength(0);
                } else if (c == '}') {
                    if (!open.isEmpty()) {
                        int[] o = open.pop();
                        if (o[1] >= 0) {
                            blocks.add(new Block(names.get(o[1]), o[0], n, open.size()));
                            classPath.pollLast();
                        } else {
                            blocks.add(new Block(null, o[0], n, open.size()));
                        }
                    }
                    header.setLength(0);
                } else if (c == ';') {
                    header.setLength(0);
                } else {
                    header.append(c);
                }
            }
            header.append(' ');
            if (MARK.matcher(line).find()) {
                markLines.add(new int[] {n});
            }
        }
        SourceFile partial = new SourceFile(source, blocks, List.of());
        List<SourceLine> marks = new ArrayList<>();
        for (int[] ml : markLines) {
            String line = lines.get(ml[0] - 1);
            Matcher m = MARK.matcher(line);
            if (m.find()) {
                String code = line.substring(0, m.start()).strip();
                marks.add(new SourceLine(m.group(1), source, ml[0], code, m.group(2).strip(), partial.classAt(ml[0])));
            }
        }
        return new SourceFile(source, blocks, List.copyOf(marks));
    }

    public String source() {
        return source;
    }

    /** Every marked line, in file order. */
    public List<SourceLine> marks() {
        return marks;
    }

    /** The marked lines in the body of {@code className} itself ({@code DrmSubject.UnplugEnterExit}), not in classes nested in it. */
    public List<SourceLine> marksOf(String className) {
        return marks.stream().filter(m -> m.in().equals(className)).toList();
    }

    /** The innermost class whose body holds {@code line}, "" when none. */
    public String classAt(int line) {
        Block best = null;
        for (Block b : blocks) {
            if (b.className != null && b.from <= line && line <= b.to && (best == null || b.depth > best.depth)) {
                best = b;
            }
        }
        return best == null ? "" : best.className;
    }

    /**
     * The {@code BUG} marks of the function that holds {@code line}: the mark on the line itself,
     * else every mark of the member body (directly inside a class) that holds it.
     */
    public List<SourceLine> bugsAt(int line) {
        List<SourceLine> exact = marks.stream().filter(m -> m.line() == line && m.kind().equals(SourceLine.BUG)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        Block member = null;
        for (Block b : blocks) {
            if (b.className == null && b.from <= line && line <= b.to && isMember(b) && (member == null || b.depth > member.depth)) {
                member = b;
            }
        }
        if (member == null) {
            return List.of();
        }
        Block m = member;
        return marks.stream().filter(x -> x.kind().equals(SourceLine.BUG) && m.from <= x.line() && x.line() <= m.to).toList();
    }

    /** A block directly inside a class body: a method, constructor or initialiser. */
    private boolean isMember(Block b) {
        for (Block c : blocks) {
            if (c.className != null && c.depth == b.depth - 1 && c.from <= b.from && b.to <= c.to) {
                return true;
            }
        }
        return false;
    }
}
