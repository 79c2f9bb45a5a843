package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jobstream.access.JobVisibility;
import org.jobstream.api.SearchSpec;
import org.jobstream.events.JobAttribute;
import org.jobstream.web.ApiException;

/**
 * Translates the API's search filters into one Elasticsearch query: every filter AND-ed, plus the
 * caller's visibility. Pure: it validates names, operators and values and throws {@code 400} for
 * anything it cannot translate faithfully.
 */
final class SearchFilters {

    private SearchFilters() {
    }

    static Query toQuery(List<SearchSpec> filters, JobVisibility visibility) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        visibility.owner().ifPresent(owner -> bool.filter(term(JobAttribute.OWNER.wireName(), FieldValue.of(owner))));
        visibility.vo().ifPresent(vo -> bool.filter(term(JobAttribute.VO.wireName(), FieldValue.of(vo))));
        for (SearchSpec filter : filters) {
            add(bool, filter);
        }
        return bool.build()._toQuery();
    }

    static JobAttribute attribute(String name) {
        return JobAttribute.fromWireName(name).orElseThrow(() -> ApiException.badRequest("Unknown column " + name));
    }

    private static void add(BoolQuery.Builder bool, SearchSpec filter) {
        if (filter.parameter() == null || filter.operator() == null) {
            throw ApiException.badRequest("A search filter needs a parameter and an operator");
        }
        JobAttribute attribute = attribute(filter.parameter());
        String field = attribute.wireName();
        String operator = filter.operator().toLowerCase(Locale.ROOT);
        switch (operator) {
            case "eq" -> bool.filter(term(field, value(attribute, scalar(filter))));
            case "neq" -> bool.mustNot(term(field, value(attribute, scalar(filter))));
            case "gt" -> bool.filter(range(field, scalar(filter), true));
            case "lt" -> bool.filter(range(field, scalar(filter), false));
            case "in" -> bool.filter(terms(attribute, vector(filter)));
            case "not in" -> bool.mustNot(terms(attribute, vector(filter)));
            case "like" -> bool.filter(like(field, scalar(filter)));
            case "not like" -> bool.mustNot(like(field, scalar(filter)));
            case "regex" -> bool.filter(regex(field, scalar(filter)));
            default -> throw ApiException.badRequest("Unknown operator " + filter.operator()
                    + " (use eq, neq, gt, lt, like, not like, regex, in, not in)");
        }
    }

    private static Object scalar(SearchSpec filter) {
        if (filter.value() == null || filter.values() != null) {
            throw ApiException.badRequest("Operator " + filter.operator() + " takes one 'value'");
        }
        return filter.value();
    }

    private static List<Object> vector(SearchSpec filter) {
        if (filter.values() == null || filter.value() != null) {
            throw ApiException.badRequest("Operator " + filter.operator() + " takes a list of 'values'");
        }
        return filter.values();
    }

    private static Query term(String field, FieldValue value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query terms(JobAttribute attribute, List<Object> values) {
        List<FieldValue> fieldValues = values.stream().map(v -> value(attribute, v)).toList();
        return Query.of(q -> q.terms(t -> t.field(attribute.wireName()).terms(v -> v.value(fieldValues))));
    }

    private static Query range(String field, Object value, boolean greater) {
        JsonData bound = JsonData.of(value);
        return Query.of(q -> q.range(r -> r.untyped(u -> {
            u.field(field);
            return greater ? u.gt(bound) : u.lt(bound);
        })));
    }

    /** SQL LIKE: {@code %} any run, {@code _} one character; everything else literal. */
    private static Query like(String field, Object pattern) {
        StringBuilder wildcard = new StringBuilder();
        for (char c : String.valueOf(pattern).toCharArray()) {
            switch (c) {
                case '%' -> wildcard.append('*');
                case '_' -> wildcard.append('?');
                case '*', '?', '\\' -> wildcard.append('\\').append(c);
                default -> wildcard.append(c);
            }
        }
        return Query.of(q -> q.wildcard(w -> w.field(field).value(wildcard.toString())));
    }

    /**
     * A regular expression that matches anywhere in the value, as SQL's REGEXP does, unless
     * anchored with {@code ^} or {@code $}. Elasticsearch's expressions are always anchored, so
     * the unanchored ends are padded with {@code .*}.
     */
    private static Query regex(String field, Object pattern) {
        String expression = String.valueOf(pattern);
        try {
            Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw ApiException.badRequest("Invalid regex " + expression);
        }
        String anchored = (expression.startsWith("^") ? expression.substring(1) : ".*" + expression);
        anchored = anchored.endsWith("$") && !anchored.endsWith("\\$")
                ? anchored.substring(0, anchored.length() - 1) : anchored + ".*";
        String lucene = anchored;
        return Query.of(q -> q.regexp(r -> r.field(field).value(lucene)));
    }

    static FieldValue value(JobAttribute attribute, Object value) {
        return switch (attribute.type()) {
            case INTEGER -> FieldValue.of(integer(attribute, value));
            case BOOLEAN -> FieldValue.of(bool(attribute, value));
            case STRING, DATETIME -> FieldValue.of(String.valueOf(value));
        };
    }

    private static long integer(JobAttribute attribute, Object value) {
        if (value instanceof Number n && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(attribute.wireName() + " takes integers, not " + value);
        }
    }

    private static boolean bool(JobAttribute attribute, Object value) {
        String text = String.valueOf(value).toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw ApiException.badRequest(attribute.wireName() + " takes true or false, not " + value);
    }
}
