package org.jobstream.command.submission.jdl;

/**
 * The JDL text could not be parsed. Carries the 1-based line and column of the problem so the
 * message can point at it: {@code line 3, column 14: unterminated string}.
 */
public final class JdlSyntaxException extends JdlException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    public JdlSyntaxException(int line, int column, String reason) {
        super("line " + line + ", column " + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without its position. */
    public String reason() {
        return reason;
    }
}
