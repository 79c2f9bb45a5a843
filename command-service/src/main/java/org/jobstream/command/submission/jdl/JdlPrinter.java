package org.jobstream.command.submission.jdl;

/**
 * Writes a {@link ClassAd} as canonical JDL text, which {@link JdlParser} reads back to an equal
 * ClassAd:
 *
 * <pre>
 * [
 *     Executable = "dirac-jobexec";
 *     OutputSandbox = {"std.err", std.out};
 *     JobRequirements = [
 *         CPUTime = 86400;
 *     ];
 * ]
 * </pre>
 *
 * Strings are quoted with {@code \"} and {@code \\} escaped, words are written raw, lists on one
 * line, nested ClassAds indented (on one line inside a list).
 */
public final class JdlPrinter {

    private static final String INDENT = "    ";

    private JdlPrinter() {
    }

    /** The JDL text with attributes in the ClassAd's order. */
    public static String print(ClassAd ad) {
        StringBuilder out = new StringBuilder();
        block(out, ad, 0);
        return out.toString();
    }

    /** The JDL text with attributes sorted by name at every level, the form DiracX stores. */
    public static String printSorted(ClassAd ad) {
        return print(ad.sorted());
    }

    /** One value in its one-line form, e.g. {@code {"a", b, 3}} or {@code "x \"y\""}. */
    public static String printValue(JdlValue value) {
        StringBuilder out = new StringBuilder();
        inline(out, value);
        return out.toString();
    }

    private static void block(StringBuilder out, ClassAd ad, int level) {
        out.append("[\n");
        for (ClassAd.Attribute attribute : ad.attributes()) {
            indent(out, level + 1).append(attribute.name()).append(" = ");
            if (attribute.value() instanceof JdlNested nested) {
                block(out, nested.classAd(), level + 1);
            } else {
                inline(out, attribute.value());
            }
            out.append(";\n");
        }
        indent(out, level).append(']');
    }

    private static void inline(StringBuilder out, JdlValue value) {
        if (value instanceof JdlString string) {
            quote(out, string.value());
        } else if (value instanceof JdlWord word) {
            out.append(word.raw());
        } else if (value instanceof JdlList list) {
            out.append('{');
            String separator = "";
            for (JdlValue item : list.items()) {
                out.append(separator);
                inline(out, item);
                separator = ", ";
            }
            out.append('}');
        } else if (value instanceof JdlNested nested) {
            out.append('[');
            String separator = " ";
            for (ClassAd.Attribute attribute : nested.classAd().attributes()) {
                out.append(separator).append(attribute.name()).append(" = ");
                inline(out, attribute.value());
                separator = "; ";
            }
            out.append(nested.classAd().isEmpty() ? "]" : " ]");
        }
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static StringBuilder indent(StringBuilder out, int level) {
        return out.append(INDENT.repeat(level));
    }
}
