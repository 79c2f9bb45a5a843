package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every {@code 422}, from either service and whatever in the request did not validate (body, path,
 * query, header), is FastAPI's list {@code {"detail": [{"type", "loc", "msg", "input"}]}}, as
 * DiracX's clients and tests read it ({@code detail[0]["msg"]}).
 */
class ValidationErrorsIT {

    private static final String TOKEN = token("validation-user", "NormalUser");
    private static final String NOT_AN_INTEGER = "Input should be a valid integer, unable to parse string as an integer";

    @Test
    void aJobIdThatIsNotAnIntegerIs422OnEveryJobRoute() {
        for (String[] route : List.of(
                new String[]{"GET", "/api/jobs/abc/sandbox"},
                new String[]{"GET", "/api/jobs/abc/sandbox/input"},
                new String[]{"GET", "/api/jobs/abc/sandbox/output"},
                new String[]{"GET", "/api/jobs/abc/history"},
                new String[]{"PATCH", "/api/jobs/abc/sandbox/output"},
                new String[]{"DELETE", "/api/jobs/abc/sandbox"},
                new String[]{"GET", "/api/jobs/1.5/sandbox"})) {
            Stack.Answer answer = call(route[0], route[1], TOKEN,
                    route[0].equals("PATCH") ? "SB:SandboxSE|/S3/sandboxes/x" : null);

            JsonNode error = onlyError(answer, route[0] + " " + route[1]);
            assertThat(error.get("loc").toString()).isEqualTo("[\"path\",\"job_id\"]");
            assertThat(error.get("msg").asText()).isEqualTo(NOT_AN_INTEGER);
            assertThat(error.get("type").asText()).isEqualTo("int_parsing");
            assertThat(error.get("input").asText()).isIn("abc", "1.5");
        }
    }

    @Test
    void aSandboxTypeOtherThanInputOrOutputIs422() {
        JsonNode error = onlyError(call("GET", "/api/jobs/1/sandbox/sideways", TOKEN, null), "sideways");

        assertThat(error.get("loc").toString()).isEqualTo("[\"path\",\"sandbox_type\"]");
        assertThat(error.get("msg").asText()).isEqualTo("Input should be 'input' or 'output'");
    }

    @Test
    void bodiesThatDoNotValidateAre422InTheListShapeAtBothServices() {
        JsonNode notAList = onlyError(call("POST", "/api/jobs/jdl", TOKEN, Map.of("jdl", "x")), "jdl");
        JsonNode notJson = onlyError(call("POST", "/api/jobs/sandbox", TOKEN, "{".getBytes(StandardCharsets.UTF_8)), "json");
        JsonNode noJobIds = onlyError(call("POST", "/api/jobs/reschedule", TOKEN, Map.of()), "reschedule");
        JsonNode badSort = onlyError(call("POST", "/api/jobs/search", TOKEN,
                Map.of("sort", List.of(Map.of("parameter", "JobID", "direction", "up")))), "sort");

        assertThat(notAList.get("loc").get(0).asText()).isEqualTo("body");
        assertThat(notAList.get("type").asText()).isEqualTo("list_type");
        assertThat(notJson.get("type").asText()).isEqualTo("json_invalid");
        for (JsonNode error : List.of(noJobIds, badSort)) {
            assertThat(error.get("loc").get(0).asText()).isEqualTo("body");
            assertThat(error.get("msg").asText()).isNotBlank();
        }
    }

    @Test
    void queryAndHeaderValuesThatDoNotValidateAre422InTheListShape() {
        JsonNode perPage = onlyError(call("POST", "/api/jobs/search?per_page=abc", TOKEN, Map.of()), "per_page");
        JsonNode missingPfn = onlyError(call("GET", "/api/jobs/sandbox", TOKEN, null), "pfn");
        Stack.Answer badPosition = Stack.send("POST", "/api/jobs/search", TOKEN, "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("X-Jobstream-Position", "abc"));

        assertThat(perPage.get("loc").toString()).isEqualTo("[\"query\",\"per_page\"]");
        assertThat(perPage.get("msg").asText()).isEqualTo(NOT_AN_INTEGER);
        assertThat(missingPfn.get("loc").toString()).isEqualTo("[\"query\",\"pfn\"]");
        assertThat(missingPfn.get("type").asText()).isEqualTo("missing");
        assertThat(onlyError(badPosition, "position").get("loc").get(0).asText()).isEqualTo("header");
    }

    private static JsonNode onlyError(Stack.Answer answer, String what) {
        assertThat(answer.status()).as("%s: %s", what, answer.text()).isEqualTo(422);
        JsonNode detail = answer.json().get("detail");
        assertThat(detail.isArray()).as("%s: %s", what, answer.text()).isTrue();
        assertThat(detail.size()).as(what).isPositive();
        JsonNode error = detail.get(0);
        assertThat(error.has("type") && error.has("loc") && error.has("msg") && error.has("input"))
                .as("%s: %s", what, error).isTrue();
        return error;
    }
}
