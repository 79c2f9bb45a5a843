package org.jobstream.query.search;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.Refused;

/**
 * The text patterns of the API in Elasticsearch's syntaxes: SQL {@code LIKE} patterns as wildcard
 * patterns, and regular expressions that match anywhere in the value (as SQL's {@code REGEXP}
 * does) as Lucene's, which always match the whole value.
 */
final class TextPatterns {

    /** The longest regular expression as sent (Elasticsearch's default {@code index.max_regex_length}). */
    static final int MAX_REGEX_LENGTH = 1_000;

    private TextPatterns() {
    }

    /** SQL LIKE: {@code %} any run, {@code _} one character; everything else literal. */
    static String wildcard(String like) {
        StringBuilder wildcard = new StringBuilder();
        for (char c : like.toCharArray()) {
            switch (c) {
                case '%' -> wildcard.append('*');
                case '_' -> wildcard.append('?');
                case '*', '?', '\\' -> wildcard.append('\\').append(c);
                default -> wildcard.append(c);
            }
        }
        return wildcard.toString();
    }

    /**
     * A Lucene expression for values that start with {@code literalPrefix} and then match
     * {@code expression} anywhere, unless it is anchored with {@code ^} or {@code $}: the
     * unanchored ends are padded with {@code .*} and the expression is grouped, so that an
     * alternation ({@code a|b}) stays inside the group.
     *
     * @throws Refused when Java cannot read the expression, or the result is longer than
     *                      Elasticsearch accepts
     */
    static String regexp(String literalPrefix, String expression) {
        try {
            Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw new Refused("Invalid regex " + expression);
        }
        boolean anchoredStart = expression.startsWith("^");
        boolean anchoredEnd = expression.endsWith("$") && !expression.endsWith("\\$")
                && expression.length() > (anchoredStart ? 1 : 0);
        String core = expression.substring(anchoredStart ? 1 : 0, expression.length() - (anchoredEnd ? 1 : 0));
        String lucene = literal(literalPrefix) + (anchoredStart ? "" : ".*") + (core.isEmpty() ? "" : "(" + core + ")")
                + (anchoredEnd ? "" : ".*");
        if (lucene.length() > MAX_REGEX_LENGTH) {
            throw new Refused("Regex too long: at most " + MAX_REGEX_LENGTH + " characters as Elasticsearch "
                    + "runs it, not " + lucene.length());
        }
        return lucene;
    }

    /** Text that a Lucene regular expression matches literally: every character but letters and digits escaped. */
    static String literal(String text) {
        StringBuilder literal = new StringBuilder();
        text.chars().forEach(c -> {
            if (!Character.isLetterOrDigit(c) && c != '\u0000') {
                literal.append('\\');
            }
            literal.append((char) c);
        });
        return literal.toString();
    }
}
