package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import java.util.List;

/** The few Elasticsearch queries that filters are made of. */
final class Queries {

    private Queries() {
    }

    static Query term(String field, FieldValue value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    static Query terms(String field, List<FieldValue> values) {
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values))));
    }

    static Query range(String field, JsonData bound, boolean greater) {
        return range(field, bound, greater, false);
    }

    /** Values above {@code bound} ({@code greater}) or below it; {@code inclusive} for a lower bound only. */
    static Query range(String field, JsonData bound, boolean greater, boolean inclusive) {
        return Query.of(q -> q.range(r -> r.untyped(u -> {
            u.field(field);
            if (greater) {
                return inclusive ? u.gte(bound) : u.gt(bound);
            }
            return u.lt(bound);
        })));
    }

    /** Keyword terms strictly between two bounds, or from {@code lowest} (inclusive) when {@code inclusive}. */
    static Query between(String field, String lowest, boolean inclusive, String highest) {
        return Query.of(q -> q.range(r -> r.term(t -> {
            t.field(field).lt(highest);
            return inclusive ? t.gte(lowest) : t.gt(lowest);
        })));
    }

    static Query wildcard(String field, String pattern) {
        return Query.of(q -> q.wildcard(w -> w.field(field).value(pattern)));
    }

    static Query regexp(String field, String expression) {
        return Query.of(q -> q.regexp(r -> r.field(field).value(expression)));
    }

    static Query exists(String field) {
        return Query.of(q -> q.exists(e -> e.field(field)));
    }

    /** Any of the queries. */
    static Query any(List<Query> queries) {
        return Query.of(q -> q.bool(b -> b.should(queries).minimumShouldMatch("1")));
    }

    /** Documents that have {@code field} and do not match {@code query}. */
    static Query presentAndNot(String field, Query query) {
        return Query.of(q -> q.bool(b -> b.filter(exists(field)).mustNot(query)));
    }
}
