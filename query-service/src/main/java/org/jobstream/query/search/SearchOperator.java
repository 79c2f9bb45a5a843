package org.jobstream.query.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jobstream.api.SearchSpec;
import org.jobstream.errors.Refused;

/**
 * The operators of a search filter ({@link SearchSpec#operator()}), read case-insensitively. The
 * negated ones select what their positive twin does not.
 */
enum SearchOperator {
    EQ("eq"),
    NEQ("neq"),
    GT("gt"),
    LT("lt"),
    LIKE("like"),
    NOT_LIKE("not like"),
    REGEX("regex"),
    IN("in"),
    NOT_IN("not in");

    private final String wireName;

    SearchOperator(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    /** @throws Refused for any other text */
    static SearchOperator of(String operator) {
        String wanted = operator.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.wireName.equals(wanted)).findFirst()
                .orElseThrow(() -> new Refused("Unknown operator " + operator + " (use "
                        + Arrays.stream(values()).map(SearchOperator::wireName).collect(Collectors.joining(", ")) + ")"));
    }

    /** {@code in} and {@code not in} take a list of {@code values}; the others one {@code value}. */
    boolean takesValues() {
        return this == IN || this == NOT_IN;
    }

    boolean negated() {
        return this == NEQ || this == NOT_LIKE || this == NOT_IN;
    }

    /** The operator whose matches a negated one excludes; the operator itself when not negated. */
    SearchOperator positive() {
        return switch (this) {
            case NEQ -> EQ;
            case NOT_LIKE -> LIKE;
            case NOT_IN -> IN;
            default -> this;
        };
    }

    @Override
    public String toString() {
        return wireName;
    }
}
