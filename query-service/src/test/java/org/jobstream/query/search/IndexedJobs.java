package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.RangeQuery;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jobstream.api.JobDocumentFields;

/**
 * Job documents as the index holds them, and which of them a query selects, without a server: the
 * queries that {@link SearchFilters} builds, read as Elasticsearch reads them on the index's real
 * mapping ({@code jobs-index.json} of the projections, which write the index). Keyword fields
 * compare as UTF-8 bytes and skip values over their {@code ignore_above}; a {@code flattened}
 * field's keys are keyword fields; long, date and boolean fields compare as such. Lucene's regular
 * expressions are read as Java's (the translations use only their common syntax).
 */
final class IndexedJobs {

    static final Path MAPPING = Path.of("..", "projections", "src", "main", "resources", "elasticsearch", "jobs-index.json");

    private final JsonNode properties;
    private final List<Map<String, Object>> documents;

    private IndexedJobs(JsonNode properties, List<Map<String, Object>> documents) {
        this.properties = properties;
        this.documents = documents;
    }

    static IndexedJobs of(Collection<Map<String, Object>> documents) {
        return new IndexedJobs(mapping().get("mappings").get("properties"), List.copyOf(documents));
    }

    static JsonNode mapping() {
        try {
            return new ObjectMapper().readTree(Files.readString(MAPPING));
        } catch (IOException e) {
            throw new UncheckedIOException("The index definition is read from " + MAPPING.toAbsolutePath(), e);
        }
    }

    /** The JobIDs of the documents the query selects, in index order. */
    List<Long> matching(Query query) {
        return documents.stream().filter(document -> matches(query, document))
                .map(document -> ((Number) document.get("JobID")).longValue()).toList();
    }

    private boolean matches(Query query, Map<String, Object> document) {
        return switch (query._kind()) {
            case Bool -> bool(query.bool(), document);
            case Term -> anyValue(document, query.term().field(),
                    value -> compare(query.term().field(), value, fieldValue(query.term().value())) == 0);
            case Terms -> query.terms().terms().value().stream().anyMatch(term -> anyValue(document,
                    query.terms().field(), value -> compare(query.terms().field(), value, fieldValue(term)) == 0));
            case Range -> range(query.range(), document);
            case Wildcard -> anyValue(document, query.wildcard().field(),
                    value -> wildcard(query.wildcard().value()).matcher(value.toString()).matches());
            case Regexp -> anyValue(document, query.regexp().field(), value -> Pattern.compile(query.regexp().value(),
                    Pattern.DOTALL).matcher(value.toString()).matches());
            case Exists -> anyValue(document, query.exists().field(), value -> true);
            case MatchAll -> true;
            case MatchNone -> false;
            default -> throw new AssertionError("IndexedJobs does not read " + query._kind() + " queries");
        };
    }

    private boolean bool(BoolQuery bool, Map<String, Object> document) {
        boolean all = bool.filter().stream().allMatch(q -> matches(q, document))
                && bool.must().stream().allMatch(q -> matches(q, document))
                && bool.mustNot().stream().noneMatch(q -> matches(q, document));
        if (bool.should().isEmpty()) {
            return all;
        }
        long should = bool.should().stream().filter(q -> matches(q, document)).count();
        int minimum = bool.minimumShouldMatch() != null ? Integer.parseInt(bool.minimumShouldMatch())
                : bool.filter().isEmpty() && bool.must().isEmpty() ? 1 : 0;
        return all && should >= minimum;
    }

    private boolean range(RangeQuery range, Map<String, Object> document) {
        String field;
        Object gt;
        Object gte;
        Object lt;
        Object lte;
        if (range.isUntyped()) {
            var u = range.untyped();
            field = u.field();
            gt = raw(u.gt());
            gte = raw(u.gte());
            lt = raw(u.lt());
            lte = raw(u.lte());
        } else if (range.isTerm()) {
            var t = range.term();
            field = t.field();
            gt = t.gt();
            gte = t.gte();
            lt = t.lt();
            lte = t.lte();
        } else {
            throw new AssertionError("IndexedJobs does not read " + range._kind() + " ranges");
        }
        return anyValue(document, field, value -> (gt == null || compare(field, value, gt) > 0)
                && (gte == null || compare(field, value, gte) >= 0)
                && (lt == null || compare(field, value, lt) < 0)
                && (lte == null || compare(field, value, lte) <= 0));
    }

    /** Whether any indexed value of the field satisfies {@code test}. */
    private boolean anyValue(Map<String, Object> document, String field, Predicate<Object> test) {
        return values(document, field).stream().anyMatch(test);
    }

    /** The values a document has in the index for a field: absent, too long or null ones are not there. */
    @SuppressWarnings("unchecked")
    private List<Object> values(Map<String, Object> document, String field) {
        Object value;
        JsonNode definition;
        String flattened = JobDocumentFields.PARAMETERS + ".";
        if (field.startsWith(flattened)) {
            definition = properties.get(JobDocumentFields.PARAMETERS);
            Object parameters = document.get(JobDocumentFields.PARAMETERS);
            value = parameters instanceof Map<?, ?> map ? map.get(field.substring(flattened.length())) : null;
        } else {
            definition = properties.get(field);
            if (definition == null) {
                throw new AssertionError("The index has no field " + field);
            }
            value = document.get(field);
        }
        List<Object> values = new ArrayList<>();
        for (Object v : value instanceof List<?> list ? (List<Object>) list : Arrays.asList(value)) {
            if (v != null && (!definition.has("ignore_above") || v.toString().length() <= definition.get("ignore_above").asInt())) {
                values.add(v);
            }
        }
        return values;
    }

    /** An indexed value compared with a query's value, as the field's type orders them. */
    private int compare(String field, Object indexed, Object wanted) {
        String type = field.startsWith(JobDocumentFields.PARAMETERS + ".") ? "keyword" : properties.get(field).get("type").asText();
        return switch (type) {
            case "keyword" -> Arrays.compareUnsigned(utf8(indexed), utf8(wanted));
            case "long" -> new BigDecimal(indexed.toString()).compareTo(new BigDecimal(wanted.toString()));
            case "date" -> Instant.parse(indexed.toString()).compareTo(Instant.parse(wanted.toString()));
            case "boolean" -> Boolean.compare((Boolean) indexed, Boolean.parseBoolean(wanted.toString()));
            default -> throw new AssertionError("IndexedJobs does not compare " + type + " fields");
        };
    }

    private static byte[] utf8(Object value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Object fieldValue(FieldValue value) {
        return Objects.requireNonNull(value._get());
    }

    private static Object raw(JsonData data) {
        return data == null ? null : data.to(Object.class);
    }

    /** Elasticsearch's wildcard syntax: {@code *} any run, {@code ?} one character, {@code \} escapes. */
    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
