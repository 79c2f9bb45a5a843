package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jobstream.access.JobVisibility;
import org.jobstream.api.JobDocumentFields;
import org.jobstream.api.SearchSpec;
import org.jobstream.events.JobAttribute;
import org.jobstream.web.ApiException;

/**
 * Translates the API's search filters into one Elasticsearch query: every filter AND-ed, plus the
 * caller's visibility. Pure: it validates names, operators and values and throws {@code 400} for
 * anything it cannot translate faithfully.
 *
 * <p>A filter names a job attribute or, failing that, a job parameter that some job has. Job
 * parameters are indexed as text (field {@code Parameters.<name>}) and, when the text is a number,
 * also as a number ({@code Parameters.<name>.num}), which {@code gt}/{@code lt} with a numeric value use.
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
    /** The most values of one {@code in}/{@code not in} (Elasticsearch's {@code max_terms_count} is 65536). */
    static final int MAX_VALUES = 10_000;
    /** The longest text value: a keyword term is at most 32766 UTF-8 bytes, 8191 characters of 4 bytes. */
    static final int MAX_VALUE_LENGTH = 8_191;
    /** The longest regular expression as sent (Elasticsearch's default {@code index.max_regex_length}). */
    static final int MAX_REGEX_LENGTH = 1_000;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private SearchFilters() {
    }

    static Query toQuery(List<SearchSpec> filters, JobVisibility visibility, Set<String> knownParameters) {
        long clauses = 0;
        for (SearchSpec filter : filters) {
            clauses += filter != null && filter.values() != null && isDateTime(filter.parameter()) ? filter.values().size() : 1;
        }
        if (clauses > MAX_CLAUSES) {
            throw ApiException.badRequest("Search too large: " + clauses + " clauses (filters and date-time values), "
                    + "at most " + MAX_CLAUSES);
        }
        BoolQuery.Builder bool = new BoolQuery.Builder();
        visibility.owner().ifPresent(owner -> bool.filter(term(JobAttribute.OWNER.wireName(), FieldValue.of(owner))));
        visibility.vo().ifPresent(vo -> bool.filter(term(JobAttribute.VO.wireName(), FieldValue.of(vo))));
        for (SearchSpec filter : filters) {
            if (filter == null || filter.parameter() == null || filter.operator() == null) {
                throw ApiException.badRequest("A search filter needs a parameter and an operator");
            }
            JobAttribute.fromWireName(filter.parameter()).ifPresentOrElse(
                    attribute -> addAttribute(bool, attribute, filter),
                    () -> addParameter(bool, filter, knownParameters));
        }
        return bool.build()._toQuery();
    }

    private static void addAttribute(BoolQuery.Builder bool, JobAttribute attribute, SearchSpec filter) {
        if (attribute.type() == JobAttribute.Type.DATETIME) {
            addPeriod(bool, attribute.wireName(), filter);
            return;
        }
        String field = attribute.wireName();
        switch (operator(filter)) {
            case "eq" -> bool.filter(term(field, value(attribute, scalar(filter))));
            case "neq" -> bool.mustNot(term(field, value(attribute, scalar(filter))));
            case "gt" -> bool.filter(range(field, JsonData.of(value(attribute, scalar(filter))._get()), true));
            case "lt" -> bool.filter(range(field, JsonData.of(value(attribute, scalar(filter))._get()), false));
            case "in" -> bool.filter(terms(field, vector(filter).stream().map(v -> value(attribute, v)).toList()));
            case "not in" -> bool.mustNot(terms(field, vector(filter).stream().map(v -> value(attribute, v)).toList()));
            case "like", "not like", "regex" -> addText(bool, attribute, filter);
            default -> throw unknownOperator(filter);
        }
    }

    /** The text operators, which Elasticsearch runs on keyword fields only. */
    private static void addText(BoolQuery.Builder bool, JobAttribute attribute, SearchSpec filter) {
        if (attribute.type() != JobAttribute.Type.STRING) {
            throw ApiException.badRequest("Operator '" + operator(filter) + "' applies to text attributes, not to "
                    + attribute.wireName() + " (" + attribute.type().name().toLowerCase(Locale.ROOT) + ")");
        }
        String field = attribute.wireName();
        switch (operator(filter)) {
            case "like" -> bool.filter(like(field, scalar(filter)));
            case "not like" -> bool.mustNot(like(field, scalar(filter)));
            default -> bool.filter(regex(field, scalar(filter)));
        }
    }

    private static boolean isDateTime(String parameter) {
        return parameter != null && JobAttribute.fromWireName(parameter)
                .filter(a -> a.type() == JobAttribute.Type.DATETIME).isPresent();
    }

    private static void addParameter(BoolQuery.Builder bool, SearchSpec filter, Set<String> knownParameters) {
        if (!knownParameters.contains(filter.parameter())) {
            throw ApiException.badRequest("Unknown column " + filter.parameter()
                    + ": neither a job attribute nor a job parameter of any job");
        }
        String field = JobDocumentFields.PARAMETERS + "." + filter.parameter();
        switch (operator(filter)) {
            case "eq" -> bool.filter(term(field, FieldValue.of(text(scalar(filter)))));
            case "neq" -> bool.mustNot(term(field, FieldValue.of(text(scalar(filter)))));
            case "gt" -> bool.filter(parameterRange(field, scalar(filter), true));
            case "lt" -> bool.filter(parameterRange(field, scalar(filter), false));
            case "in" -> bool.filter(terms(field, vector(filter).stream().map(v -> FieldValue.of(text(v))).toList()));
            case "not in" -> bool.mustNot(terms(field, vector(filter).stream().map(v -> FieldValue.of(text(v))).toList()));
            case "like" -> bool.filter(like(field, scalar(filter)));
            case "not like" -> bool.mustNot(like(field, scalar(filter)));
            case "regex" -> bool.filter(regex(field, scalar(filter)));
            default -> throw unknownOperator(filter);
        }
    }

    /** Period semantics of date-time filters: eq is within the period, gt after it, lt before it. */
    private static void addPeriod(BoolQuery.Builder bool, String field, SearchSpec filter) {
        String operator = operator(filter);
        switch (operator) {
            case "eq" -> bool.filter(within(field, TimePeriod.parse(scalar(filter))));
            case "neq" -> bool.mustNot(within(field, TimePeriod.parse(scalar(filter))));
            case "gt" -> bool.filter(range(field, JsonData.of(TimePeriod.parse(scalar(filter)).end().toString()), true, true));
            case "lt" -> bool.filter(range(field, JsonData.of(TimePeriod.parse(scalar(filter)).start().toString()), false));
            case "in", "not in" -> {
                List<TimePeriod> periods = vector(filter).stream().map(TimePeriod::parse).toList();
                if (periods.stream().map(TimePeriod::precision).distinct().count() > 1) {
                    throw ApiException.badRequest("Cannot mix different time resolutions in " + filter.values());
                }
                Query any = Query.of(q -> q.bool(b -> b.should(periods.stream().map(p -> within(field, p)).toList())
                        .minimumShouldMatch("1")));
                if (operator.equals("in")) {
                    bool.filter(any);
                } else {
                    bool.mustNot(any);
                }
            }
            case "like", "not like", "regex" -> throw ApiException.badRequest(
                    "Operator '" + operator + "' is not supported for partial datetime values");
            default -> throw unknownOperator(filter);
        }
    }

    private static String operator(SearchSpec filter) {
        return filter.operator().toLowerCase(Locale.ROOT);
    }

    private static ApiException unknownOperator(SearchSpec filter) {
        return ApiException.badRequest("Unknown operator " + filter.operator()
                + " (use eq, neq, gt, lt, like, not like, regex, in, not in)");
    }

    private static Object scalar(SearchSpec filter) {
        if (filter.value() == null || filter.values() != null) {
            throw ApiException.badRequest("Operator " + filter.operator() + " takes one 'value'");
        }
        return checkedValue(filter.value());
    }

    private static List<Object> vector(SearchSpec filter) {
        if (filter.values() == null || filter.value() != null) {
            throw ApiException.badRequest("Operator " + filter.operator() + " takes a list of 'values'");
        }
        if (filter.values().size() > MAX_VALUES) {
            throw ApiException.badRequest("Operator " + filter.operator() + " takes at most " + MAX_VALUES
                    + " values, not " + filter.values().size());
        }
        filter.values().forEach(SearchFilters::checkedValue);
        return filter.values();
    }

    /** A search value: a string (at most {@link #MAX_VALUE_LENGTH} characters), a finite number or a boolean. */
    private static Object checkedValue(Object value) {
        if (value instanceof String text) {
            if (text.length() > MAX_VALUE_LENGTH) {
                throw ApiException.badRequest("A search value is at most " + MAX_VALUE_LENGTH + " characters long, not "
                        + text.length());
            }
            return value;
        }
        if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
            throw ApiException.badRequest("A search value is a finite number, not " + value);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw ApiException.badRequest("A search value is a string or a number, not "
                + (value == null ? "null" : value instanceof List ? "a list" : value instanceof Map ? "an object" : value));
    }

    private static Query term(String field, FieldValue value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query terms(String field, List<FieldValue> values) {
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values))));
    }

    private static Query within(String field, TimePeriod period) {
        return Query.of(q -> q.range(r -> r.untyped(u -> u.field(field)
                .gte(JsonData.of(period.start().toString()))
                .lt(JsonData.of(period.end().toString())))));
    }

    private static Query range(String field, JsonData bound, boolean greater) {
        return range(field, bound, greater, false);
    }

    private static Query range(String field, JsonData bound, boolean greater, boolean inclusive) {
        return Query.of(q -> q.range(r -> r.untyped(u -> {
            u.field(field);
            if (greater) {
                return inclusive ? u.gte(bound) : u.gt(bound);
            }
            return u.lt(bound);
        })));
    }

    /** A numeric range when the value is a (finite, decimal) number, else a range of text. */
    private static Query parameterRange(String field, Object value, boolean greater) {
        if (value instanceof Number n) {
            return range(field + "." + JobDocumentFields.NUMERIC, JsonData.of(n.doubleValue()), greater);
        }
        String text = String.valueOf(value).trim();
        if (DECIMAL.matcher(text).matches() && Double.isFinite(Double.parseDouble(text))) {
            return range(field + "." + JobDocumentFields.NUMERIC, JsonData.of(Double.parseDouble(text)), greater);
        }
        return range(field, JsonData.of(String.valueOf(value)), greater);
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
        String lucene = expression.startsWith("^") ? expression.substring(1) : ".*" + expression;
        lucene = lucene.endsWith("$") && !lucene.endsWith("\\$") ? lucene.substring(0, lucene.length() - 1) : lucene + ".*";
        if (lucene.length() > MAX_REGEX_LENGTH) {
            throw ApiException.badRequest("Regex too long: at most " + MAX_REGEX_LENGTH + " characters");
        }
        String value = lucene;
        return Query.of(q -> q.regexp(r -> r.field(field).value(value)));
    }

    static FieldValue value(JobAttribute attribute, Object value) {
        return switch (attribute.type()) {
            case INTEGER -> FieldValue.of(integer(attribute, value));
            case BOOLEAN -> FieldValue.of(bool(attribute, value));
            case STRING, DATETIME -> FieldValue.of(String.valueOf(value));
        };
    }

    private static String text(Object value) {
        return value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(value);
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
