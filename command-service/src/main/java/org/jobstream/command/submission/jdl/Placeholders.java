package org.jobstream.command.submission.jdl;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a placeholder ({@code %s}, {@code %(name)s}, {@code %n}, {@code %j}) by a value in
 * every attribute value of a ClassAd, giving what DIRAC's text replacement gives, but on the
 * parsed structure:
 *
 * <ul>
 *   <li>inside strings and words the placeholder is replaced by the value's text (a word that
 *       no longer reads as a word becomes a string);</li>
 *   <li>a word that is exactly the placeholder becomes the value itself, so
 *       {@code InputData = %(InputData)s} becomes a list when the parameter is a list;</li>
 *   <li>a list item that is exactly the placeholder, replaced by a list, has the value's items
 *       spliced in (DIRAC drops the braces);</li>
 *   <li>lists and nested ClassAds are searched recursively.</li>
 * </ul>
 *
 * Every replacement spends the characters it adds from a budget, so that a small JDL full of
 * placeholders cannot make an expansion allocate without bound.
 */
final class Placeholders {

    private final long budget;
    private long remaining;

    /** A substituter that may add at most {@code budget} characters in total. */
    Placeholders(long budget) {
        this.budget = budget;
        this.remaining = budget;
    }

    ClassAd substitute(ClassAd ad, String placeholder, JdlValue replacement) {
        return ad.mapValues(value -> substitute(value, placeholder, replacement));
    }

    JdlValue substitute(JdlValue value, String placeholder, JdlValue replacement) {
        if (value instanceof JdlString string) {
            String text = string.value();
            return text.contains(placeholder) ? new JdlString(replace(text, placeholder, replacement)) : string;
        }
        if (value instanceof JdlWord word) {
            String raw = word.raw();
            if (raw.equals(placeholder)) {
                spend(replacement.asText().length());
                return replacement;
            }
            return raw.contains(placeholder) ? JdlValue.wordOrString(replace(raw, placeholder, replacement)) : word;
        }
        if (value instanceof JdlList list) {
            List<JdlValue> items = new ArrayList<>();
            for (JdlValue item : list.items()) {
                if (replacement instanceof JdlList spliced && isScalar(item) && item.asText().equals(placeholder)) {
                    spend(spliced.asText().length());
                    items.addAll(spliced.items());
                } else {
                    items.add(substitute(item, placeholder, replacement));
                }
            }
            return new JdlList(items);
        }
        JdlNested nested = (JdlNested) value;
        return new JdlNested(substitute(nested.classAd(), placeholder, replacement));
    }

    private String replace(String text, String placeholder, JdlValue replacement) {
        String with = replacement.asText();
        long occurrences = 0;
        for (int i = text.indexOf(placeholder); i >= 0; i = text.indexOf(placeholder, i + placeholder.length())) {
            occurrences++;
        }
        spend(occurrences * Math.max(0, with.length() - placeholder.length()));
        return text.replace(placeholder, with);
    }

    private void spend(long characters) {
        remaining -= characters;
        if (remaining < 0) {
            throw new ParametricJobException("Job descriptions too large after substitution (more than "
                    + budget + " characters added)");
        }
    }

    private static boolean isScalar(JdlValue value) {
        return value instanceof JdlString || value instanceof JdlWord;
    }
}
