package org.jobstream.command.submission.jdl;

/**
 * Character classes shared by the parser and the printer, so that whatever the printer writes
 * the parser reads back the same way.
 */
final class JdlChars {

    private static final String STRUCTURAL = ";,{}[]\"=";

    private JdlChars() {
    }

    static boolean isWhitespace(char c) {
        return Character.isWhitespace(c);
    }

    /** Characters allowed in a bare word (a comment opener is excluded separately). */
    static boolean isWordChar(char c) {
        return !isWhitespace(c) && STRUCTURAL.indexOf(c) < 0;
    }

    /** Attribute names: ASCII letters, digits, {@code _} and {@code .}. */
    static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.';
    }

    static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A character as shown in an error message: printable ones quoted, others as a code. */
    static String describe(char c) {
        if (!Character.isISOControl(c) && !Character.isSurrogate(c) && !isWhitespace(c)) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }
}
