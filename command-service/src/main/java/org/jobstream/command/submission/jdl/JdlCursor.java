package org.jobstream.command.submission.jdl;

/**
 * Reads JDL text one character at a time, tracking line and column for error messages and
 * skipping whitespace and comments between tokens.
 */
final class JdlCursor {

    /** A 1-based position in the text. */
    record Position(int line, int column) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }
    }

    private final String text;
    private int offset;
    private int line = 1;
    private int column = 1;
    private boolean atLineStart = true;

    JdlCursor(String text) {
        this.text = text;
    }

    boolean atEnd() {
        return offset >= text.length();
    }

    /** The current character; only call when not {@link #atEnd()}. */
    char peek() {
        return text.charAt(offset);
    }

    boolean lookingAt(String prefix) {
        return text.startsWith(prefix, offset);
    }

    Position position() {
        return new Position(line, column);
    }

    void advance() {
        char c = text.charAt(offset++);
        if (c == '\n') {
            line++;
            column = 1;
            atLineStart = true;
        } else {
            column++;
            if (!JdlChars.isWhitespace(c)) {
                atLineStart = false;
            }
        }
    }

    /**
     * Skips whitespace and comments: {@code // ...} and {@code # ...} (the latter only as the
     * first thing on a line) to the end of the line, and <code>/* ... *&#47;</code>.
     */
    void skipTrivia() {
        while (!atEnd()) {
            char c = peek();
            if (JdlChars.isWhitespace(c)) {
                advance();
            } else if (lookingAt("//") || (c == '#' && atLineStart)) {
                skipToEndOfLine();
            } else if (lookingAt("/*")) {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    JdlSyntaxException error(String reason) {
        return error(position(), reason);
    }

    static JdlSyntaxException error(Position at, String reason) {
        return new JdlSyntaxException(at.line(), at.column(), reason);
    }

    private void skipToEndOfLine() {
        while (!atEnd() && peek() != '\n') {
            advance();
        }
    }

    private void skipBlockComment() {
        Position start = position();
        int end = text.indexOf("*/", offset + 2);
        if (end < 0) {
            throw error(start, "unterminated comment");
        }
        while (offset < end + 2) {
            advance();
        }
    }
}
