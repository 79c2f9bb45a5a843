package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The OpenAPI description of both services and its page, on the entry point, without a token. */
class ApiDescriptionIT {

    @Test
    void theApiPageAndBothDescriptionsAreServed() throws Exception {
        HttpResponse<String> page = get("/api/docs");
        Stack.Answer queries = Stack.call("GET", "/api/openapi.json", null, null);
        Stack.Answer commands = Stack.call("GET", "/api/openapi-commands.json", null, null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
        assertThat(queries.json().get("paths").has("/api/jobs/search")).isTrue();
        assertThat(queries.json().get("paths").has("/api/jobs/{jobId}/history")).isTrue();
        assertThat(commands.json().get("paths").has("/api/jobs/jdl")).isTrue();
        assertThat(commands.json().get("paths").has("/api/jobs/status")).isTrue();
        assertThat(queries.text()).doesNotContain("\"caller\"");
        assertThat(commands.text()).doesNotContain("\"caller\"");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        return client.send(HttpRequest.newBuilder(URI.create(Stack.BASE_URL + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
