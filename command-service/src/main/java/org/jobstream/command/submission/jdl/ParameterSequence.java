package org.jobstream.command.submission.jdl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One parameter sequence of a parametric JDL (§5.3): the attributes that define it and its N
 * values. Sequence {@code "0"} is defined by {@code Parameters}, {@code ParameterStart},
 * {@code ParameterStep} and {@code ParameterFactor}; sequence {@code s} by the same names
 * suffixed with {@code .s}. A sequence is either an explicit list or numeric:
 * v0 = Start (default 1), vi = v(i-1) * Factor + Step (defaults Step 0, Factor 1).
 */
record ParameterSequence(String id, List<String> attributeNames, List<JdlValue> values) {

    static final String PARAMETERS = "Parameters";
    private static final String START = "ParameterStart";
    private static final String STEP = "ParameterStep";
    private static final String FACTOR = "ParameterFactor";
    private static final List<String> KEYS = List.of(PARAMETERS, START, STEP, FACTOR);
    private static final Pattern FLOAT =
            Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final String INCONSISTENT = "Inconsistent parametric job description";

    /** The placeholder replaced by this sequence's value: {@code %s} or {@code %(id)s}. */
    String placeholder() {
        return id.equals("0") ? "%s" : "%(" + id + ")s";
    }

    /** The attribute that records the value in each job: {@code Parameter} or {@code Parameter.id}. */
    String parameterAttribute() {
        return id.equals("0") ? "Parameter" : "Parameter." + id;
    }

    /** The sequences of {@code ad}, in the order their first attribute appears, each with {@code n} values. */
    static List<ParameterSequence> collect(ClassAd ad, int n) {
        Map<String, Definition> definitions = new LinkedHashMap<>();
        for (ClassAd.Attribute attribute : ad.attributes()) {
            String name = attribute.name();
            for (String key : KEYS) {
                if (name.startsWith(key)) {
                    int dot = name.indexOf('.');
                    String id = dot < 0 ? "0" : name.substring(dot + 1);
                    definitions.computeIfAbsent(id, Definition::new).add(key, attribute, n);
                    break;
                }
            }
        }
        List<ParameterSequence> sequences = new ArrayList<>();
        definitions.values().forEach(d -> sequences.add(d.toSequence(n)));
        return sequences;
    }

    /** What the attributes of one sequence say, before its values are computed. */
    private static final class Definition {
        private final String id;
        private final List<String> names = new ArrayList<>();
        private List<JdlValue> explicit;
        private Number start = 1L;
        private Number step = 0L;
        private Number factor = 1L;

        Definition(String id) {
            this.id = id;
        }

        void add(String key, ClassAd.Attribute attribute, int n) {
            names.add(attribute.name());
            JdlValue value = attribute.value();
            if (key.equals(PARAMETERS)) {
                if (value instanceof JdlList list) {
                    if (list.items().size() != n) {
                        throw new ParametricJobException(INCONSISTENT);
                    }
                    explicit = list.items();
                } else if (!attribute.name().equals(PARAMETERS)) {
                    throw new ParametricJobException(INCONSISTENT);
                } else if (integer(value) == null) {
                    throw new ParametricJobException(INCONSISTENT + ": " + attribute.name() + "=" + value.asText());
                }
                return;
            }
            Number number = number(value);
            if (number == null) {
                throw new ParametricJobException("Illegal value for " + attribute.name() + " JDL field: " + value.asText());
            }
            switch (key) {
                case START -> start = number;
                case STEP -> step = number;
                default -> factor = number;
            }
        }

        ParameterSequence toSequence(int n) {
            List<JdlValue> values = explicit != null ? explicit : numeric(n);
            return new ParameterSequence(id, List.copyOf(names), List.copyOf(values));
        }

        private List<JdlValue> numeric(int n) {
            List<JdlValue> values = new ArrayList<>(n);
            if (start instanceof Double || step instanceof Double || factor instanceof Double) {
                double v = start.doubleValue();
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        v = v * factor.doubleValue() + step.doubleValue();
                    }
                    if (!Double.isFinite(v)) {
                        throw new ParametricJobException("Parameter sequence " + id + " overflows at job " + i);
                    }
                    values.add(new JdlWord(formatDouble(v)));
                }
                return values;
            }
            long v = start.longValue();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    try {
                        v = Math.addExact(Math.multiplyExact(v, factor.longValue()), step.longValue());
                    } catch (ArithmeticException overflow) {
                        throw new ParametricJobException("Parameter sequence " + id + " overflows at job " + i);
                    }
                }
                values.add(JdlValue.number(v));
            }
            return values;
        }
    }

    private static Long integer(JdlValue value) {
        if (!(value instanceof JdlString || value instanceof JdlWord)) {
            return null;
        }
        String text = value.asText().trim();
        if (!text.matches("[+-]?[0-9]+")) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** An integer ({@code Long}) if the value reads as one, else a finite {@code Double}, else null. */
    private static Number number(JdlValue value) {
        Long integer = integer(value);
        if (integer != null || !(value instanceof JdlString || value instanceof JdlWord)) {
            return integer;
        }
        String text = value.asText().trim();
        if (!FLOAT.matcher(text).matches()) {
            return null;
        }
        double parsed = Double.parseDouble(text);
        return Double.isFinite(parsed) ? parsed : null;
    }

    /** Like Python's {@code str(float)} for ordinary values: {@code 2.0}, {@code 2.5}, {@code 0.1}. */
    static String formatDouble(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e16) {
            return (long) v + ".0";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
