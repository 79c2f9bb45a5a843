package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import java.util.List;
import java.util.Locale;
import org.jobstream.api.SearchSpec;
import org.jobstream.errors.Refused;
import org.jobstream.events.JobAttribute;
import org.jobstream.query.search.SearchFilters.Clause;

/**
 * Filters on job attributes, each on the attribute's own field: values of the attribute's type,
 * text operators on text attributes only, and period semantics for date-times (a partial value
 * stands for its whole period: {@code eq} is within it, {@code gt} after it, {@code lt} before it).
 */
final class AttributeFilters {

    private AttributeFilters() {
    }

    static Clause of(JobAttribute attribute, SearchOperator operator, SearchSpec filter) {
        if (attribute.type() == JobAttribute.Type.DATETIME) {
            return period(attribute.wireName(), operator, filter);
        }
        String field = attribute.wireName();
        Query query = switch (operator.positive()) {
            case EQ -> Queries.term(field, FilterValues.of(attribute, FilterValues.scalar(filter)));
            case GT -> Queries.range(field, bound(attribute, filter), true);
            case LT -> Queries.range(field, bound(attribute, filter), false);
            case IN -> Queries.terms(field, FilterValues.vector(filter).stream().map(v -> FilterValues.of(attribute, v)).toList());
            case LIKE -> Queries.wildcard(field, TextPatterns.wildcard(String.valueOf(text(attribute, operator, filter))));
            case REGEX -> Queries.regexp(field, TextPatterns.regexp("", String.valueOf(text(attribute, operator, filter))));
            default -> throw new IllegalStateException("not a positive operator: " + operator);
        };
        return new Clause(query, operator.negated());
    }

    private static JsonData bound(JobAttribute attribute, SearchSpec filter) {
        return JsonData.of(FilterValues.of(attribute, FilterValues.scalar(filter))._get());
    }

    /** The value of a text operator, which Elasticsearch runs on keyword fields only. */
    private static Object text(JobAttribute attribute, SearchOperator operator, SearchSpec filter) {
        if (attribute.type() != JobAttribute.Type.STRING) {
            throw new Refused("Operator '" + operator + "' applies to text attributes, not to "
                    + attribute.wireName() + " (" + attribute.type().name().toLowerCase(Locale.ROOT) + ")");
        }
        return FilterValues.scalar(filter);
    }

    private static Clause period(String field, SearchOperator operator, SearchSpec filter) {
        Query query = switch (operator.positive()) {
            case EQ -> within(field, TimePeriod.parse(FilterValues.scalar(filter)));
            case GT -> Queries.range(field, JsonData.of(TimePeriod.parse(FilterValues.scalar(filter)).end().toString()),
                    true, true);
            case LT -> Queries.range(field, JsonData.of(TimePeriod.parse(FilterValues.scalar(filter)).start().toString()),
                    false);
            case IN -> {
                List<TimePeriod> periods = FilterValues.vector(filter).stream().map(TimePeriod::parse).toList();
                if (periods.stream().map(TimePeriod::precision).distinct().count() > 1) {
                    throw new Refused("Cannot mix different time resolutions in " + filter.values());
                }
                yield Queries.any(periods.stream().map(p -> within(field, p)).toList());
            }
            case LIKE, REGEX -> throw new Refused(
                    "Operator '" + operator + "' is not supported for partial datetime values");
            default -> throw new IllegalStateException("not a positive operator: " + operator);
        };
        return new Clause(query, operator.negated());
    }

    private static Query within(String field, TimePeriod period) {
        return Query.of(q -> q.range(r -> r.untyped(u -> u.field(field)
                .gte(JsonData.of(period.start().toString()))
                .lt(JsonData.of(period.end().toString())))));
    }
}
