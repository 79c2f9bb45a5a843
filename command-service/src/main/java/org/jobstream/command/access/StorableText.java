package org.jobstream.command.access;

import java.util.regex.Pattern;
import org.jobstream.errors.Invalid;

/**
 * Refuses text that the read models could not store, before it becomes an event: an accepted
 * event that PostgreSQL or Elasticsearch refuse would stop the projections for everyone.
 */
public final class StorableText {

    /** Job parameter names: a field of the search index each, so no dots, no emptiness, bounded. */
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_()\\-]{0,99}");

    private StorableText() {
    }

    /** @throws Invalid when the text holds a NUL character (PostgreSQL refuses it) */
    public static String check(String field, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new Invalid(field + " contains a NUL character");
        }
        return value;
    }

    /** @throws Invalid unless the name is a letter then up to 99 letters, digits, _ ( ) - */
    public static String parameterName(String name) {
        if (name == null || !PARAMETER_NAME.matcher(name).matches()) {
            throw new Invalid("Invalid job parameter name '" + name
                    + "': a letter, then at most 99 letters, digits, '_', '(', ')' or '-'");
        }
        return name;
    }
}
