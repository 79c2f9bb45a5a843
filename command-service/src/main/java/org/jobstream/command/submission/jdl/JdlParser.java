package org.jobstream.command.submission.jdl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jobstream.api.Limits;
import org.jobstream.command.submission.jdl.JdlCursor.Position;

/**
 * Parses JDL text into a {@link ClassAd}.
 *
 * <p>DIRAC parses JDLs with two tolerant hand-written splitters that disagree on edge cases and
 * silently accept garbage. Jobstream parses once, with one grammar, and refuses what it cannot
 * read with a {@link JdlSyntaxException} that points at the problem:
 *
 * <pre>
 * jdl     = [ "[" ] attributes [ "]" ]          (brackets optional, but balanced)
 * attributes = { name "=" value ";" }           (the last ";" may be left out)
 * name    = letters, digits, "_" and "."
 * value   = string | word | "{" [ value { "," value } ] "}" | "[" attributes "]"
 * string  = '"' ... '"'                          (\" is a quote, \\ a backslash)
 * word    = run of characters other than whitespace and ; , { } [ ] " =
 * </pre>
 *
 * Comments ({@code //} and {@code #} to the end of the line, {@code #} only as the first thing
 * on its line, and <code>/* ... *&#47;</code>) and whitespace may appear between any two tokens. Names
 * must be unique regardless of case. Input is limited to {@link #MAX_JDL_LENGTH} characters and
 * {@link #MAX_DEPTH} levels of nesting, so hostile input costs linear time and bounded stack.
 */
public final class JdlParser {

    /** Longest JDL accepted, in characters (1 MiB); longer input is refused before parsing. */
    public static final int MAX_JDL_LENGTH = Limits.MAX_JDL_LENGTH;

    /** Deepest nesting of ClassAds and lists, the outer ClassAd counting as level 1. */
    public static final int MAX_DEPTH = 10;

    private final JdlCursor in;

    private JdlParser(String text) {
        this.in = new JdlCursor(text);
    }

    /**
     * Parses a JDL.
     *
     * @throws JdlSyntaxException if the text is not a JDL, is too long or too deep, or has no
     *     attribute
     */
    public static ClassAd parse(String jdl) {
        Objects.requireNonNull(jdl, "jdl");
        if (jdl.length() > MAX_JDL_LENGTH) {
            throw new JdlSyntaxException(1, 1, "JDL is too long: " + jdl.length()
                    + " characters, the limit is " + MAX_JDL_LENGTH);
        }
        return new JdlParser(jdl).document();
    }

    private ClassAd document() {
        in.skipTrivia();
        ClassAd ad;
        if (!in.atEnd() && in.peek() == '[') {
            Position open = in.position();
            in.advance();
            ad = attributes(1, Optional.of(open));
            in.skipTrivia();
            if (!in.atEnd()) {
                throw in.error("unexpected text after the closing ']'");
            }
        } else {
            ad = attributes(1, Optional.empty());
        }
        if (ad.isEmpty()) {
            throw new JdlSyntaxException(1, 1, "empty JDL: no attribute");
        }
        return ad;
    }

    /**
     * Reads attributes up to the {@code ]} matching {@code open} (consumed), or to the end of
     * the text when there is no opening bracket.
     */
    private ClassAd attributes(int depth, Optional<Position> open) {
        ClassAd.Builder ad = ClassAd.builder();
        while (true) {
            in.skipTrivia();
            if (in.atEnd()) {
                if (open.isPresent()) {
                    throw in.error("missing ']' to close the '[' at " + open.get());
                }
                return ad.build();
            }
            char c = in.peek();
            if (c == ']') {
                if (open.isEmpty()) {
                    throw in.error("unbalanced ']'");
                }
                in.advance();
                return ad.build();
            }
            if (c == ';') {
                in.advance();
                continue;
            }
            String name = attribute(ad, depth);
            in.skipTrivia();
            if (!in.atEnd() && in.peek() != ']') {
                if (in.peek() != ';') {
                    throw in.error("expected ';' after the value of " + name + " but found "
                            + JdlChars.describe(in.peek()));
                }
                in.advance();
            }
        }
    }

    private String attribute(ClassAd.Builder ad, int depth) {
        Position at = in.position();
        String name = name();
        in.skipTrivia();
        if (name.isEmpty()) {
            throw in.peek() == '='
                    ? JdlCursor.error(at, "empty attribute name")
                    : JdlCursor.error(at, "expected an attribute name but found " + JdlChars.describe(in.peek()));
        }
        if (in.atEnd() || in.peek() != '=') {
            throw in.error("missing '=' after attribute name " + name);
        }
        Optional<String> previous = ad.spellingOf(name);
        if (previous.isPresent()) {
            throw JdlCursor.error(at, previous.get().equals(name)
                    ? "duplicate attribute " + name
                    : "duplicate attribute " + name + " (same as " + previous.get() + ")");
        }
        in.advance();
        in.skipTrivia();
        ad.add(name, value(depth, "empty value for attribute " + name));
        return name;
    }

    private String name() {
        StringBuilder name = new StringBuilder();
        while (!in.atEnd() && JdlChars.isNameChar(in.peek())) {
            name.append(in.peek());
            in.advance();
        }
        return name.toString();
    }

    /** Reads one value; the cursor is on its first character (trivia already skipped). */
    private JdlValue value(int depth, String emptyReason) {
        if (in.atEnd()) {
            throw in.error(emptyReason);
        }
        char c = in.peek();
        return switch (c) {
            case '"' -> string();
            case '{' -> list(depth);
            case '[' -> new JdlNested(attributes(depth + 1, Optional.of(nest(depth))));
            case ';', ']', '}', ',' -> throw in.error(emptyReason);
            default -> {
                if (!JdlChars.isWordChar(c)) {
                    throw in.error("unexpected " + JdlChars.describe(c));
                }
                yield word();
            }
        };
    }

    /** Consumes an opening bracket or brace, refusing to go deeper than {@link #MAX_DEPTH}. */
    private Position nest(int depth) {
        Position open = in.position();
        if (depth >= MAX_DEPTH) {
            throw in.error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        in.advance();
        return open;
    }

    private JdlList list(int depth) {
        Position open = nest(depth);
        List<JdlValue> items = new ArrayList<>();
        in.skipTrivia();
        if (!in.atEnd() && in.peek() == '}') {
            in.advance();
            return new JdlList(items);
        }
        String notClosed = "list not closed (opened at " + open + ")";
        while (true) {
            in.skipTrivia();
            items.add(value(depth + 1, in.atEnd() ? notClosed : "empty list item"));
            in.skipTrivia();
            if (in.atEnd()) {
                throw in.error(notClosed);
            }
            char c = in.peek();
            if (c == '}') {
                in.advance();
                return new JdlList(items);
            }
            if (c != ',') {
                throw in.error(notClosed + ": expected ',' or '}' but found " + JdlChars.describe(c));
            }
            in.advance();
        }
    }

    private JdlString string() {
        Position open = in.position();
        in.advance();
        StringBuilder text = new StringBuilder();
        while (!in.atEnd()) {
            char c = in.peek();
            in.advance();
            if (c == '"') {
                return new JdlString(text.toString());
            }
            if (c == '\\' && !in.atEnd() && (in.peek() == '"' || in.peek() == '\\')) {
                c = in.peek();
                in.advance();
            }
            text.append(c);
        }
        throw JdlCursor.error(open, "unterminated string");
    }

    private JdlWord word() {
        StringBuilder raw = new StringBuilder();
        while (!in.atEnd() && JdlChars.isWordChar(in.peek()) && !in.lookingAt("//") && !in.lookingAt("/*")) {
            raw.append(in.peek());
            in.advance();
        }
        return new JdlWord(raw.toString());
    }
}
