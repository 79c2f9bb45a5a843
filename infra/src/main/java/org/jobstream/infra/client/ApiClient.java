package org.jobstream.infra.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.infra.local.LocalStack;

/** A small JSON client of the Jobstream API, for the CLI and the benchmarks. */
public final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = JobEventCodec.defaultMapper();
    private final String baseUrl;
    private final String token;

    public ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /**
     * A client of the local stack (see {@link LocalStack}) acting as {@code user} of VO lhcb, with a
     * token signed by the stack's key.
     */
    public static ApiClient ofLocalStack(LocalStack stack, String user, String group, List<String> properties,
                                         Duration lifetime) throws IOException, GeneralSecurityException {
        return new ApiClient(stack.baseUrl(), stack.token(user, "lhcb", group, properties, lifetime));
    }

    /** The bearer token the client sends, for load tools that send requests themselves. */
    public String token() {
        return token;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * A search that does not wait for the read models (a position header of 0 asks for no
     * wait): for measuring their lag from outside.
     */
    public JsonNode sendWithoutWaiting(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header(org.jobstream.api.ApiHeaders.POSITION, "0")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    /** Sends a request and returns the parsed answer; a status other than the expected ones is an error. */
    public JsonNode send(String method, String path, Object body, int... expected) throws IOException, InterruptedException {
        return send(request(method, path, body).build(), method, path, expected);
    }

    /** An answer: its status, headers and raw body. */
    public record Answer(int status, java.net.http.HttpHeaders headers, byte[] body) {

        public java.util.Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /**
     * Sends a request once and answers whatever came back; {@code position}, when not negative,
     * is sent as {@code X-Jobstream-Position}.
     */
    public Answer exchange(long position, String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(method, path, body);
        if (position >= 0) {
            request.header(org.jobstream.api.ApiHeaders.POSITION, Long.toString(position));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    private HttpRequest.Builder request(String method, String path, Object body) throws IOException {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    }

    /**
     * Sends as DiracX's clients do: a {@code 503} with {@code Retry-After} (the write path pushing
     * back, a read waiting for the read models) is sent again after that many seconds, for up to a
     * minute, unless the caller expects a {@code 503}.
     */
    private JsonNode send(HttpRequest request, String method, String path, int... expected)
            throws IOException, InterruptedException {
        boolean expects503 = java.util.Arrays.stream(expected).anyMatch(status -> status == 503);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        while (response.statusCode() == 503 && !expects503 && System.nanoTime() < deadline
                && response.headers().firstValue("Retry-After").isPresent()) {
            Thread.sleep(1000L * Math.max(1, Long.parseLong(response.headers().firstValue("Retry-After").get().trim())));
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body().length == 0 ? null : json.readTree(response.body());
            }
        }
        throw new IOException(method + " " + path + " answered " + response.statusCode() + ": "
                + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
