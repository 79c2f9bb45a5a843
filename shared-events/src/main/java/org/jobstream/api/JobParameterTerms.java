package org.jobstream.api;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a job's parameters become fields of its search document, in one place for the projections
 * that write them and the query service that searches them.
 *
 * <p>Parameter names are data, never field names of the index: a mapping field per name would let
 * one user's thousands of names fill the index's field limit for everyone. Instead a document has
 * {@link JobDocumentFields#PARAMETERS} (a {@code flattened} object: exact values, grouping,
 * selection) and two lists of keyword terms that each start with the parameter's name and
 * {@link #SEPARATOR}: {@link JobDocumentFields#PARAMETER_TEXT} (the value as text, for
 * {@code like}, {@code regex} and text ranges, which a {@code flattened} field cannot run) and
 * {@link JobDocumentFields#PARAMETER_NUMBERS} (numeric values, encoded so that text order is
 * numeric order, for numeric ranges). A query pins the name by starting every pattern and range
 * bound with the name and the separator, which no name contains.
 */
public final class JobParameterTerms {

    /**
     * Parameter names the command side accepts: a letter, then at most 99 letters, digits,
     * {@code _ ( ) -}. No dots (a path in the {@code flattened} field), nothing that needs quoting.
     */
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_()\\-]{0,99}");

    /** {@link #NAME} in words, for error messages. */
    public static final String NAME_RULE = "a letter, then at most 99 letters, digits, '_', '(', ')' or '-'";

    /**
     * Between name and value in a term: NUL, which PostgreSQL's text (the read model's parameter
     * names) cannot hold, so a term's name part ends at its first separator.
     */
    public static final char SEPARATOR = '\u0000';

    /**
     * The longest value (in UTF-16 units, as Elasticsearch's {@code ignore_above} counts) that
     * search sees; a longer one is kept in the document but found by no filter. At 3 UTF-8 bytes a
     * unit at most, a term of name, separator and value stays below Lucene's 32766-byte limit.
     */
    public static final int MAX_SEARCHABLE_LENGTH = 8_191;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final HexFormat HEX = HexFormat.of();

    private JobParameterTerms() {
    }

    /** Whether {@code name} is a syntactically valid parameter name ({@link #NAME}). */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * The search document fields of a job's parameters: {@link JobDocumentFields#PARAMETERS},
     * {@link JobDocumentFields#PARAMETER_TEXT} and {@link JobDocumentFields#PARAMETER_NUMBERS},
     * the lists in name order, so that the same parameters always give the same document.
     */
    public static Map<String, Object> documentFields(Map<String, String> parameters) {
        SortedMap<String, String> byName = new TreeMap<>(parameters);
        List<String> text = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        byName.forEach((name, value) -> {
            if (value != null && value.length() <= MAX_SEARCHABLE_LENGTH) {
                text.add(text(name, value));
                numeric(value).ifPresent(number -> numbers.add(number(name, number)));
            }
        });
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(JobDocumentFields.PARAMETERS, byName);
        fields.put(JobDocumentFields.PARAMETER_TEXT, text);
        fields.put(JobDocumentFields.PARAMETER_NUMBERS, numbers);
        return fields;
    }

    /** The term of a parameter's text value. */
    public static String text(String name, String value) {
        return first(name) + value;
    }

    /**
     * The term of a parameter's numeric value: 16 hexadecimal digits of the double's bits,
     * rearranged so that their text order is the numbers' order (negative zero is zero).
     */
    public static String number(String name, double value) {
        long bits = Double.doubleToLongBits(value == 0 ? 0.0 : value);
        long signedOrder = bits ^ ((bits >> 63) & Long.MAX_VALUE);
        return first(name) + HEX.toHexDigits(signedOrder ^ Long.MIN_VALUE);
    }

    /** The prefix of every term of a parameter, and below all of them. */
    public static String first(String name) {
        return name + SEPARATOR;
    }

    /** Above every term of a parameter (and of no other parameter's terms, which do not start with the name). */
    public static String pastLast(String name) {
        return name + (char) (SEPARATOR + 1);
    }

    /**
     * The number a parameter value stands for: decimal text (sign, digits, fraction, exponent;
     * surrounding blanks ignored) of a finite double. Anything else is text only.
     */
    public static OptionalDouble numeric(String value) {
        String text = value.strip();
        if (!DECIMAL.matcher(text).matches()) {
            return OptionalDouble.empty();
        }
        double number = Double.parseDouble(text);
        return Double.isFinite(number) ? OptionalDouble.of(number) : OptionalDouble.empty();
    }
}
