package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.List;
import org.jobstream.access.JobVisibility;
import org.jobstream.api.SearchSpec;
import org.jobstream.errors.Refused;
import org.jobstream.events.JobAttribute;

/**
 * Translates the API's search filters into one Elasticsearch query: every filter AND-ed, plus the
 * caller's visibility. Pure: it validates names, operators and values and throws {@code 400} for
 * anything it cannot translate faithfully. A filter names a job attribute ({@link AttributeFilters})
 * or else a job parameter ({@link ParameterFilters}), see {@link JobField}.
 *
 * <p>Hostile or oversized filters are refused here, before Elasticsearch refuses them with an error
 * that would surface as a {@code 500}: too many clauses, too many values, values longer than a
 * keyword term, regular expressions longer than Elasticsearch accepts, non-scalar values.
 */
final class SearchFilters {

    /**
     * The most query clauses one search may make: a filter is one, a date-time {@code in} one per
     * value. Elasticsearch refuses a query beyond its {@code max_clause_count} (8192 or more).
     */
    static final int MAX_CLAUSES = 1_000;

    /** One filter's query, and whether it selects the jobs it matches or excludes them. */
    record Clause(Query query, boolean excluding) {
    }

    private SearchFilters() {
    }

    static Query toQuery(List<SearchSpec> filters, JobVisibility visibility) {
        long clauses = 0;
        for (SearchSpec filter : filters) {
            clauses += filter != null && filter.values() != null && isDateTime(filter.parameter()) ? filter.values().size() : 1;
        }
        if (clauses > MAX_CLAUSES) {
            throw new Refused("Search too large: " + clauses + " clauses (filters and date-time values), "
                    + "at most " + MAX_CLAUSES);
        }
        BoolQuery.Builder bool = new BoolQuery.Builder();
        visibility.owner().ifPresent(owner -> bool.filter(Queries.term(JobAttribute.OWNER.wireName(), FieldValue.of(owner))));
        visibility.vo().ifPresent(vo -> bool.filter(Queries.term(JobAttribute.VO.wireName(), FieldValue.of(vo))));
        for (SearchSpec filter : filters) {
            Clause clause = clause(filter);
            if (clause.excluding()) {
                bool.mustNot(clause.query());
            } else {
                bool.filter(clause.query());
            }
        }
        return bool.build()._toQuery();
    }

    static Clause clause(SearchSpec filter) {
        if (filter == null || filter.parameter() == null || filter.operator() == null) {
            throw new Refused("A search filter needs a parameter and an operator");
        }
        SearchOperator operator = SearchOperator.of(filter.operator());
        JobField field = JobField.of(filter.parameter());
        return field instanceof JobField.Attribute attribute
                ? AttributeFilters.of(attribute.attribute(), operator, filter)
                : ParameterFilters.of((JobField.Parameter) field, operator, filter);
    }

    private static boolean isDateTime(String parameter) {
        return parameter != null && JobAttribute.fromWireName(parameter)
                .filter(a -> a.type() == JobAttribute.Type.DATETIME).isPresent();
    }
}
