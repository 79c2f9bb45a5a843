package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search, selection and summary on job parameters: every operator, numbers compared as numbers,
 * and names that reveal nothing: a parameter that only another user's job has answers exactly as
 * one that no job has. Any number of distinct parameter names leaves the index able to take
 * everyone's new parameters.
 */
class ParametersIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String USER = "pia-" + RUN;
    private static final String TOKEN = token(USER, "NormalUser");
    private static final String ADMIN = token("root", "JobAdministrator");
    private static final List<Long> IDS = new ArrayList<>();

    /** Three jobs: HostName wn1/wn2/none, LoadAverage 9.5/10/-2 (as text "10" sorts before "9.5"). */
    @BeforeAll
    static void submitJobsWithParameters() {
        call("POST", "/api/jobs/jdl", TOKEN, List.of("Executable = \"echo\"; JobName = \"p-0\";",
                "Executable = \"echo\"; JobName = \"p-1\";", "Executable = \"echo\"; JobName = \"p-2\";"))
                .json().forEach(job -> IDS.add(job.get("JobID").asLong()));
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put(IDS.get(0).toString(), Map.of("HostName", "wn1.cern.ch", "LoadAverage", "9.5"));
        patch.put(IDS.get(1).toString(), Map.of("HostName", "wn2.in2p3.fr", "LoadAverage", 10));
        patch.put(IDS.get(2).toString(), Map.of("LoadAverage", "-2", "GridCE", "ce.cern.ch"));
        assertThat(call("PATCH", "/api/jobs/metadata", TOKEN, patch).status()).isEqualTo(204);
    }

    @Test
    void everyOperatorFiltersOnAParameter() {
        assertThat(names(filter("HostName", "eq", "wn1.cern.ch"))).containsExactly("p-0");
        assertThat(names(filter("HostName", "neq", "wn1.cern.ch"))).containsExactly("p-1");
        assertThat(names(filters("HostName", "in", "wn2.in2p3.fr", "wn9"))).containsExactly("p-1");
        assertThat(names(filters("HostName", "not in", "wn2.in2p3.fr"))).containsExactly("p-0");
        assertThat(names(filter("HostName", "like", "wn_.%"))).containsExactly("p-0", "p-1");
        assertThat(names(filter("HostName", "not like", "%cern%"))).containsExactly("p-1");
        assertThat(names(filter("HostName", "regex", "in2p3"))).containsExactly("p-1");
        assertThat(names(filter("GridCE", "like", "%cern%"))).containsExactly("p-2");
        assertThat(names(filter("HostName", "regex", "ce\\.cern"))).isEmpty();
    }

    @Test
    void gtAndLtOnANumericParameterCompareNumbers() {
        assertThat(names(filter("LoadAverage", "gt", 9.6))).containsExactly("p-1");
        assertThat(names(filter("LoadAverage", "gt", "9"))).containsExactly("p-0", "p-1");
        assertThat(names(filter("LoadAverage", "lt", 0))).containsExactly("p-2");
        assertThat(names(filter("LoadAverage", "lt", 10))).containsExactly("p-0", "p-2");
        assertThat(names(filter("HostName", "lt", "wn2"))).containsExactly("p-0");
    }

    @Test
    void parametersAreSelectedAndGroupedBy() {
        JsonNode jobs = search(TOKEN, Map.of("parameters", List.of("JobName", "HostName", "LoadAverage")));
        assertThat(jobs.get(0).get("HostName").asText()).isEqualTo("wn1.cern.ch");
        assertThat(jobs.get(1).get("LoadAverage").asText()).isEqualTo("10");
        assertThat(jobs.get(2).get("HostName").isNull()).isTrue();

        JsonNode summary = call("POST", "/api/jobs/summary", TOKEN, Map.of("grouping", List.of("HostName"))).json();
        assertThat(summary).hasSize(3);
        assertThat(summary.findValuesAsText("count")).containsOnly("1");

        JsonNode distinct = search(TOKEN, Map.of("parameters", List.of("HostName"), "distinct", true));
        assertThat(distinct).hasSize(3);
        assertThat(distinct.get(0).get("HostName").isNull()).isTrue();
        assertThat(distinct.get(1).get("HostName").asText()).isEqualTo("wn1.cern.ch");
    }

    @Test
    void aFilterOnAParameterNobodyHasIsAnEmptyAnswer() {
        String nobody = "NobodyHas" + RUN.replace("-", "");

        for (Map<String, Object> filter : everyOperator(nobody)) {
            Stack.Answer answer = call("POST", "/api/jobs/search", TOKEN, Map.of("search", List.of(filter)));
            assertThat(answer.status()).as("%s: %s", filter, answer.text()).isEqualTo(200);
            assertThat(answer.json()).as("%s", filter).isEmpty();
        }
        assertThat(call("POST", "/api/jobs/summary", TOKEN, Map.of("grouping", List.of("Status"),
                "search", List.of(filter(nobody, "neq", "x")))).json()).isEmpty();
    }

    @Test
    void aParameterOnlyAnotherUsersJobHasAnswersExactlyAsOneNobodyHas() {
        String other = token("otto-" + RUN, "NormalUser");
        long theirs = call("POST", "/api/jobs/jdl", other, List.of("Executable = \"echo\";")).json().get(0).get("JobID").asLong();
        String secret = "Secret" + RUN.replace("-", "");
        String nobody = "NobodyHas" + RUN.replace("-", "");
        assertThat(call("PATCH", "/api/jobs/metadata", other, Map.of(String.valueOf(theirs), Map.of(secret, "yes"))).status())
                .isEqualTo(204);
        assertThat(search(other, Map.of("search", List.of(filter(secret, "eq", "yes"))))).hasSize(1);

        for (Map<String, Object> filter : everyOperator(secret)) {
            Map<String, Object> twin = new LinkedHashMap<>(filter);
            twin.put("parameter", nobody);
            assertThat(answer("/api/jobs/search", Map.of("search", List.of(filter))))
                    .as("%s", filter).isEqualTo(answer("/api/jobs/search", Map.of("search", List.of(twin))));
        }
        assertThat(answer("/api/jobs/search", Map.of("parameters", List.of("JobName", secret))).replace(secret, "X"))
                .isEqualTo(answer("/api/jobs/search", Map.of("parameters", List.of("JobName", nobody))).replace(nobody, "X"));
        assertThat(answer("/api/jobs/summary", Map.of("grouping", List.of(secret))).replace(secret, "X"))
                .isEqualTo(answer("/api/jobs/summary", Map.of("grouping", List.of(nobody))).replace(nobody, "X"));
        assertThat(search(ADMIN, Map.of("search", List.of(filter(secret, "eq", "yes")))).findValuesAsText("JobID"))
                .containsExactly(String.valueOf(theirs));
    }

    @Test
    void anInvalidParameterNameIs400() {
        for (String name : List.of("No such thing", "a.b", "_id", "Parameters.*", "9lives")) {
            Stack.Answer filtered = call("POST", "/api/jobs/search", TOKEN, Map.of("search", List.of(filter(name, "eq", "x"))));
            assertThat(filtered.status()).as(name).isEqualTo(400);
            assertThat(filtered.json().get("detail").asText()).contains("not a job parameter name");
            assertThat(call("POST", "/api/jobs/search", TOKEN, Map.of("parameters", List.of(name))).status()).isEqualTo(400);
            assertThat(call("POST", "/api/jobs/summary", TOKEN, Map.of("grouping", List.of(name))).status()).isEqualTo(400);
        }
    }

    /**
     * One user's 20,000 distinct parameter names, in a few patches, then another user's brand-new
     * parameter: it is searchable at once, and the index's mapping has not grown by a field.
     */
    @Test
    void twentyThousandParameterNamesLeaveEveryonesNewParametersSearchable() throws Exception {
        String flooder = token("flood-" + RUN, "NormalUser");
        List<Long> jobs = new ArrayList<>();
        call("POST", "/api/jobs/jdl", flooder, java.util.Collections.nCopies(4, "Executable = \"echo\";")).json()
                .forEach(job -> jobs.add(job.get("JobID").asLong()));
        int mappedBefore = mappedFields();
        for (int request = 0; request < 4; request++) {
            Map<String, Object> patch = new LinkedHashMap<>();
            for (int job = 0; job < jobs.size(); job++) {
                Map<String, Object> names = new LinkedHashMap<>();
                for (int i = 0; i < 1_250; i++) {
                    names.put("f" + RUN.replace("-", "") + "_" + request + "_" + job + "_" + i, i);
                }
                patch.put(jobs.get(job).toString(), names);
            }
            Stack.Answer patched = call("PATCH", "/api/jobs/metadata", flooder, patch);
            assertThat(patched.status()).as(patched.text()).isEqualTo(204);
        }
        String lastName = "f" + RUN.replace("-", "") + "_3_3_1249";
        assertThat(search(flooder, Map.of("search", List.of(filter(lastName, "gt", 1_000))))).hasSize(1);

        String newcomer = token("nina-" + RUN, "NormalUser");
        long job = call("POST", "/api/jobs/jdl", newcomer, List.of("Executable = \"echo\";")).json().get(0).get("JobID").asLong();
        String brandNew = "BrandNew" + RUN.replace("-", "");
        assertThat(call("PATCH", "/api/jobs/metadata", newcomer, Map.of(String.valueOf(job), Map.of(brandNew, "42"))).status())
                .isEqualTo(204);

        JsonNode found = search(newcomer, Map.of("parameters", List.of("JobID", brandNew),
                "search", List.of(filter(brandNew, "gt", 41.5))));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get(brandNew).asText()).isEqualTo("42");
        assertThat(mappedFields()).isEqualTo(mappedBefore);
    }

    private static List<Map<String, Object>> everyOperator(String name) {
        return Stream.of(filter(name, "eq", "yes"), filter(name, "neq", "x"), filter(name, "gt", 0), filter(name, "lt", 1),
                filter(name, "gt", ""), filter(name, "lt", "zzz"), filter(name, "like", "%"), filter(name, "not like", "x"),
                filter(name, "regex", ".*"), filters(name, "in", "yes"), filters(name, "not in", "x")).toList();
    }

    /** The status and body of this test's user's query, as text. */
    private static String answer(String path, Map<String, Object> body) {
        Stack.Answer answer = call("POST", path, TOKEN, body);
        return answer.status() + " " + answer.text();
    }

    /** The number of fields in the mapping of the index behind the jobs alias, counted from Elasticsearch itself. */
    private static int mappedFields() throws Exception {
        String url = Stack.LOCAL.elasticsearch() + "/jobstream-jobs/_mapping";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode indices = Stack.JSON.readTree(response.body());
        int fields = 0;
        for (Iterator<JsonNode> index = indices.elements(); index.hasNext(); ) {
            fields += countProperties(index.next().path("mappings").path("properties"));
        }
        return fields;
    }

    private static int countProperties(JsonNode properties) {
        int count = 0;
        for (Iterator<JsonNode> field = properties.elements(); field.hasNext(); ) {
            JsonNode definition = field.next();
            count += 1 + countProperties(definition.path("properties")) + countProperties(definition.path("fields"));
        }
        return count;
    }

    private static Map<String, Object> filter(String parameter, String operator, Object value) {
        return Map.of("parameter", parameter, "operator", operator, "value", value);
    }

    private static Map<String, Object> filters(String parameter, String operator, Object... values) {
        return Map.of("parameter", parameter, "operator", operator, "values", List.of(values));
    }

    private static List<String> names(Map<String, Object> filter) {
        return search(TOKEN, Map.of("search", List.of(filter))).findValuesAsText("JobName");
    }

    private static JsonNode search(String token, Map<String, Object> body) {
        Stack.Answer answer = call("POST", "/api/jobs/search?per_page=100", token, body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }
}
