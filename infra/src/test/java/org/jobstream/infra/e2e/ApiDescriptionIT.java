package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one API description of the entry point, without a token: every route of every service, with
 * DiracX's operation ids, tags and schema names for DiracX's routes (DiracX generates its client
 * from such a document), compared with a recorded list of DiracX's operations.
 */
class ApiDescriptionIT {

    /** Jobstream's routes beyond DiracX's, named in the same style. */
    private static final Map<String, String> JOBSTREAM_OPERATIONS = Map.of(
            "GET /api/jobs/{job_id}/history", "jobs_get_job_history",
            "GET /api/jobs/events", "jobs_follow_job_events",
            "POST /admin/sandboxes/clean", "admin_clean_sandboxes",
            "POST /admin/job-cache/evict", "admin_evict_job_cache",
            "POST /admin/archive", "admin_archive_jobs");

    /** DiracX's schema names for the models Jobstream's routes take and answer. */
    private static final List<String> DIRACX_SCHEMAS = List.of("SearchParams", "SummaryParams", "SortSpec",
            "InsertedJob", "JobStatusUpdate", "SetJobStatusReturn", "SetJobStatusReturnSuccess", "JobCommand",
            "SandboxInfo", "SandboxUploadResponse", "SandboxDownloadResponse", "Body_jobs_reschedule_jobs",
            "Body_jobs_unassign_bulk_jobs_sandboxes", "OpenIDConfiguration");

    @Test
    void theApiPageShowsTheOneDescription() throws Exception {
        HttpResponse<String> page = get("/api/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
    }

    @Test
    void oneDescriptionHasEveryDiracxOperationWithItsOperationIdAndTag() throws Exception {
        JsonNode api = description();
        Map<String, JsonNode> operations = operations(api);

        Map<String, String> recorded = recordedDiracxOperations();
        recorded.forEach((route, operationId) -> {
            assertThat(operations).as("DiracX's %s", route).containsKey(route);
            JsonNode operation = operations.get(route);
            assertThat(operation.get("operationId").asText()).as(route).isEqualTo(operationId);
            assertThat(operation.get("tags")).as(route).hasSize(1);
            assertThat(operation.get("tags").get(0).asText()).as(route)
                    .isEqualTo(operationId.substring(0, operationId.indexOf('_')));
        });
        JOBSTREAM_OPERATIONS.forEach((route, operationId) ->
                assertThat(operations.get(route).get("operationId").asText()).as(route).isEqualTo(operationId));
        assertThat(operations.keySet()).as("every route is DiracX's or a known addition")
                .allMatch(route -> recorded.containsKey(route) || JOBSTREAM_OPERATIONS.containsKey(route));
    }

    @Test
    void everyOperationIsNamedTagThenNameAndEveryIdIsUnique() throws Exception {
        Map<String, JsonNode> operations = operations(description());

        assertThat(operations.values().stream().map(o -> o.get("operationId").asText()).distinct().count())
                .isEqualTo(operations.size());
        operations.forEach((route, operation) -> assertThat(operation.get("operationId").asText()).as(route)
                .startsWith(operation.get("tags").get(0).asText() + "_")
                .matches("[.a-z_-]+_[a-z0-9_]+"));
    }

    @Test
    void diracxSchemaNamesAndPathParametersAreDiracxs() throws Exception {
        JsonNode api = description();

        assertThat(api.get("components").get("schemas").fieldNames()).toIterable().containsAll(DIRACX_SCHEMAS);
        JsonNode sandbox = api.get("paths").get("/api/jobs/{job_id}/sandbox/{sandbox_type}").get("get");
        assertThat(sandbox.get("parameters").findValuesAsText("name")).contains("job_id", "sandbox_type");
        assertThat(api.toString()).doesNotContain("\"caller\"").doesNotContain("{jobId}");
    }

    private static JsonNode description() {
        Stack.Answer answer = Stack.call("GET", "/api/openapi.json", null, null);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    /** "METHOD path" of every operation of the description. */
    private static Map<String, JsonNode> operations(JsonNode api) {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        Set<String> methods = Set.of("get", "post", "put", "patch", "delete");
        api.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (methods.contains(method.getKey())) {
                operations.put(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), method.getValue());
            }
        }));
        return operations;
    }

    private static Map<String, String> recordedDiracxOperations() throws IOException {
        Map<String, String> recorded = new LinkedHashMap<>();
        try (InputStream in = ApiDescriptionIT.class.getResourceAsStream("/diracx-operations.tsv")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .forEach(fields -> recorded.put(fields[0] + " " + fields[1], fields[2]));
        }
        assertThat(recorded).hasSize(16);
        return recorded;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        return client.send(HttpRequest.newBuilder(URI.create(Stack.BASE_URL + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
