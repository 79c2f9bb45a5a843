package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.OptionalDouble;
import org.jobstream.api.JobDocumentFields;
import org.jobstream.api.JobParameterTerms;
import org.jobstream.api.SearchSpec;
import org.jobstream.query.search.SearchFilters.Clause;

/**
 * Filters on job parameters, in the fields that {@link JobParameterTerms} describes: equality on
 * the {@code flattened} parameters object, patterns and text ranges on the terms of name and
 * text, numeric ranges on the terms of name and number. Every pattern and range bound starts with
 * the name and the separator, so it can only ever meet that parameter's value.
 *
 * <p>As a join with a parameters table would: a job that does not have the parameter matches no
 * filter on it, the negated ones included. So a filter on a parameter that no visible job has
 * selects nothing, whether or not other users' jobs have it.
 */
final class ParameterFilters {

    private ParameterFilters() {
    }

    static Clause of(JobField.Parameter parameter, SearchOperator operator, SearchSpec filter) {
        String name = parameter.name();
        Query query = switch (operator.positive()) {
            case EQ -> Queries.term(parameter.indexField(), FieldValue.of(FilterValues.text(FilterValues.scalar(filter))));
            case IN -> Queries.terms(parameter.indexField(), FilterValues.vector(filter).stream()
                    .map(v -> FieldValue.of(FilterValues.text(v))).toList());
            case GT -> range(name, FilterValues.scalar(filter), true);
            case LT -> range(name, FilterValues.scalar(filter), false);
            case LIKE -> Queries.wildcard(JobDocumentFields.PARAMETER_TEXT,
                    JobParameterTerms.first(name) + TextPatterns.wildcard(String.valueOf(FilterValues.scalar(filter))));
            case REGEX -> Queries.regexp(JobDocumentFields.PARAMETER_TEXT,
                    TextPatterns.regexp(JobParameterTerms.first(name), String.valueOf(FilterValues.scalar(filter))));
            default -> throw new IllegalStateException("not a positive operator: " + operator);
        };
        return new Clause(operator.negated() ? Queries.presentAndNot(parameter.indexField(), query) : query, false);
    }

    /**
     * Above or below a number when the value is one (a JSON number, or text that reads as one),
     * compared with the parameter values that are numbers; else above or below a text, compared
     * with every value as text.
     */
    private static Query range(String name, Object value, boolean greater) {
        OptionalDouble number = value instanceof Number n ? OptionalDouble.of(n.doubleValue())
                : JobParameterTerms.numeric(String.valueOf(value));
        String field;
        String bound;
        if (number.isPresent()) {
            field = JobDocumentFields.PARAMETER_NUMBERS;
            bound = JobParameterTerms.number(name, number.getAsDouble());
        } else {
            field = JobDocumentFields.PARAMETER_TEXT;
            bound = JobParameterTerms.text(name, String.valueOf(value));
        }
        return greater
                ? Queries.between(field, bound, false, JobParameterTerms.pastLast(name))
                : Queries.between(field, JobParameterTerms.first(name), true, bound);
    }
}
