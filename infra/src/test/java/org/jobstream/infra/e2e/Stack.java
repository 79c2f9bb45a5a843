package org.jobstream.infra.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.infra.local.LocalStack;

/**
 * The running local stack, as a black-box client sees it: the entry point's base URL, tokens for
 * any identity, and (for checks a client cannot make) the servers behind it, as {@link LocalStack}
 * describes them for every tool.
 */
final class Stack {

    static final ObjectMapper JSON = JobEventCodec.defaultMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final Path ROOT = Path.of(System.getProperty("jobstream.root", "..")).toAbsolutePath().normalize();
    /** The stack under test, described as every tool describes it. */
    static final LocalStack LOCAL = LocalStack.of(ROOT);
    static final Path STATE = LOCAL.state();
    static final String BASE_URL = LOCAL.baseUrl();
    static final String KAFKA = LOCAL.kafka();
    static final String TOPIC = LocalStack.TOPIC;

    /** How long a request answered 503 with Retry-After is sent again (see {@link #send}). */
    static final Duration RETRY_LIMIT = Duration.ofMinutes(2);

    private static final String POSITION = "X-Jobstream-Position";
    private static final AtomicLong HIGHEST_POSITION = new AtomicLong();

    private static PrivateKey signingKey;

    private Stack() {
    }

    /** A token signed by the stack's key for a user of VO lhcb, group lhcb_user. */
    static String token(String user, String... properties) {
        return token(user, "lhcb", "lhcb_user", Duration.ofHours(1), properties);
    }

    static synchronized String token(String user, String vo, String group, Duration lifetime, String... properties) {
        try {
            if (signingKey == null) {
                signingKey = LOCAL.signingKey();
            }
            return LocalStack.token(signingKey, user, vo, group, List.of(properties), lifetime);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot sign a test token", e);
        }
    }

    /** An answer: status, headers and the body parsed as JSON (null when empty or not JSON). */
    record Answer(int status, Map<String, List<String>> headers, String text) {
        JsonNode json() {
            try {
                return text.isEmpty() ? null : JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + text, e);
            }
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }
    }

    /**
     * A read as a client that coordinates several identities makes it after their writes: with the
     * highest {@code X-Jobstream-Position} any command answered in this run, it waits for all of
     * them (a read without it waits only for its own caller's writes).
     */
    static Answer callAfterAllWrites(String method, String path, String token, Object body) {
        try {
            return send(method, path, token, body == null ? new byte[0] : JSON.writeValueAsBytes(body),
                    Map.of(POSITION, Long.toString(HIGHEST_POSITION.get())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #call}, but answers a {@code 503} instead of sending the request again. */
    static Answer callOnce(String method, String path, String token, Object body) {
        try {
            return sendOnce(method, path, token, body == null ? new byte[0] : JSON.writeValueAsBytes(body), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer call(String method, String path, String token, Object body) {
        try {
            byte[] bytes = body == null ? new byte[0]
                    : body instanceof byte[] raw ? raw : JSON.writeValueAsBytes(body);
            return send(method, path, token, bytes, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a request as DiracX's clients and pilots do: an answer {@code 503} with
     * {@code Retry-After} (the write path pushing back while the read models catch up, or a read
     * waiting for them) is sent again after that many seconds, for up to {@link #RETRY_LIMIT}.
     */
    static Answer send(String method, String path, String token, byte[] body, Map<String, String> headers) {
        long deadline = System.nanoTime() + RETRY_LIMIT.toNanos();
        while (true) {
            Answer answer = sendOnce(method, path, token, body, headers);
            Optional<String> retryAfter = answer.header("Retry-After");
            if (answer.status() != 503 || retryAfter.isEmpty() || System.nanoTime() > deadline) {
                return answer;
            }
            try {
                TimeUnit.SECONDS.sleep(Math.max(1, Long.parseLong(retryAfter.get().trim())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Sends a request once, whatever the answer. */
    static Answer sendOnce(String method, String path, String token, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE_URL + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue(POSITION).ifPresent(position ->
                    HIGHEST_POSITION.accumulateAndGet(Long.parseLong(position), Math::max));
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes Elasticsearch refuse (or accept again) writes to the job index, as at its disk's flood
     * stage: the projections then wait and retry, and the read models fall behind.
     */
    static void blockIndexWrites(boolean blocked) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(LOCAL.elasticsearch() + "/jobstream-jobs/_settings"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"index.blocks.write\": " + (blocked ? "true" : "null") + "}"))
                .build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("Elasticsearch answered " + answer.statusCode() + ": " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stack's PostgreSQL, for checks of the event store that no API exposes. */
    static Connection database() throws SQLException {
        return LOCAL.database();
    }

    /**
     * Runs {@code ./jobstream} with the arguments, as an operator would, and returns its output
     * once it has exited 0 within the limit.
     */
    static String jobstream(Duration limit, String... arguments) {
        try {
            Path output = Files.createTempFile("jobstream-" + arguments[0], ".log");
            List<String> command = new ArrayList<>(List.of(ROOT.resolve("jobstream").toString()));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean exited = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            String text = Files.readString(output);
            Files.deleteIfExists(output);
            if (!exited) {
                process.destroyForcibly();
                throw new AssertionError("./jobstream " + String.join(" ", arguments) + " did not finish within " + limit + ":\n" + text);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("./jobstream " + String.join(" ", arguments) + " exited " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signals a component of the stack and waits until its process has exited: it is down, not going down. */
    static void stop(String component, String signal) {
        try {
            long pid = Long.parseLong(Files.readString(STATE.resolve("run/" + component + ".pid")).trim());
            ProcessHandle process = ProcessHandle.of(pid)
                    .orElseThrow(() -> new AssertionError(component + " is not running"));
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + signal + " " + pid + " failed");
            }
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new AssertionError(component + " did not exit within 60 s of SIG" + signal);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
