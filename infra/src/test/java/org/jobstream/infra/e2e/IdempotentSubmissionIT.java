package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jobstream.api.ApiHeaders;
import org.jobstream.store.EventTableRows;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/jobs/jdl} with an {@code Idempotency-Key} through the entry point: a retried
 * submission never makes jobs twice, whoever retries it and however often, and a key is its
 * caller's alone.
 */
class IdempotentSubmissionIT {

    private static final String ECHO = "Executable = \"echo\"; Arguments = \"hello\";";
    private static final String LS = "Executable = \"ls\";";
    private static final String PARAMETRIC = """
            Executable = "echo";
            Arguments = "%s";
            JobName = "Test_%n";
            Parameters = 3;
            ParameterStart = 1;
            ParameterStep = 1;""";

    private final String user = "idem-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");
    private final String key = UUID.randomUUID().toString();

    @Test
    void aRetryGetsTheFirstAnswerAgainAndCreatesNothing() throws Exception {
        Stack.Answer first = submit(token, key, List.of(ECHO, LS));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.header(ApiHeaders.IDEMPOTENT_REPLAYED)).isEmpty();
        List<Long> ids = ids(first);
        assertThat(ids).hasSize(2);

        for (int retry = 0; retry < 3; retry++) {
            Stack.Answer again = submit(token, key, List.of(ECHO, LS));
            assertThat(again.status()).as(again.text()).isEqualTo(201);
            assertThat(again.json()).isEqualTo(first.json());
            assertThat(again.header(ApiHeaders.IDEMPOTENT_REPLAYED)).contains("true");
            assertThat(again.header(ApiHeaders.POSITION)).isPresent();
        }
        // The same JDLs spelled differently in JSON are the same request.
        byte[] spaced = ("[ " + Stack.JSON.writeValueAsString(ECHO) + " ,\n  " + Stack.JSON.writeValueAsString(LS) + " ]")
                .getBytes(StandardCharsets.UTF_8);
        Stack.Answer respelled = Stack.send("POST", "/api/jobs/jdl", token, spaced, Map.of(ApiHeaders.IDEMPOTENCY_KEY, key));
        assertThat(respelled.status()).as(respelled.text()).isEqualTo(201);
        assertThat(ids(respelled)).isEqualTo(ids);

        assertThat(searchedIds(token)).containsExactlyInAnyOrderElementsOf(ids);
        try (Connection db = Stack.database()) {
            assertThat(EventTableRows.jobsSubmittedBy(db, user)).hasSize(2);
            assertThat(EventTableRows.storedOf(db, ids).events()).as("no event after the first answer").isEqualTo(2);
            assertThat(EventTableRows.writtenWithKey(db, ids, user, "lhcb", key))
                    .as("the key's row and the events, by one transaction")
                    .isEqualTo(new EventTableRows.WrittenWithKey(1, 1));
        }
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndCreatesNothing() {
        List<Long> ids = ids(submit(token, key, List.of(ECHO)));

        Stack.Answer other = submit(token, key, List.of(LS));

        assertThat(other.status()).as(other.text()).isEqualTo(422);
        JsonNode detail = other.json().get("detail").get(0);
        assertThat(detail.get("loc")).hasToString("[\"header\",\"" + ApiHeaders.IDEMPOTENCY_KEY + "\"]");
        assertThat(detail.get("msg").asText()).contains("different request");
        assertThat(detail.get("input").asText()).isEqualTo(key);
        assertThat(searchedIds(token)).containsExactlyElementsOf(ids);
    }

    @Test
    void theSameKeyFromAnotherGroupOfTheSameUserIsAnotherRequest() {
        submit(token, key, List.of(ECHO));
        String otherGroup = Stack.token(user, "lhcb", "lhcb_prod", Duration.ofHours(1), "NormalUser");

        assertThat(submit(otherGroup, key, List.of(ECHO)).status()).isEqualTo(422);
    }

    @Test
    void anotherUsersSameKeyIsAnotherKey() {
        List<Long> mine = ids(submit(token, key, List.of(ECHO)));
        String bob = "idem-bob-" + UUID.randomUUID().toString().substring(0, 8);
        String bobsToken = token(bob, "NormalUser");

        Stack.Answer bobs = submit(bobsToken, key, List.of(ECHO));

        assertThat(bobs.status()).as(bobs.text()).isEqualTo(201);
        assertThat(bobs.header(ApiHeaders.IDEMPOTENT_REPLAYED)).isEmpty();
        List<Long> his = ids(bobs);
        assertThat(his).hasSize(1).doesNotContainAnyElementsOf(mine);
        assertThat(searchedIds(bobsToken)).containsExactlyElementsOf(his);
        assertThat(ids(submit(bobsToken, key, List.of(ECHO)))).isEqualTo(his);
        assertThat(ids(submit(token, key, List.of(ECHO)))).isEqualTo(mine);
    }

    @Test
    void aKeyThatIsNotOneIs422AtTheHeaderAndCreatesNothing() {
        for (String bad : List.of("x".repeat(256), "two words")) {
            Stack.Answer answer = submit(token, bad, List.of(ECHO));

            assertThat(answer.status()).as(answer.text()).isEqualTo(422);
            JsonNode detail = answer.json().get("detail").get(0);
            assertThat(detail.get("loc")).hasToString("[\"header\",\"" + ApiHeaders.IDEMPOTENCY_KEY + "\"]");
            assertThat(detail.get("msg").asText()).contains("255 visible ASCII");
        }
        assertThat(ids(submit(token, "x".repeat(255), List.of(ECHO)))).hasSize(1);
        assertThat(searchedIds(token)).hasSize(1);
    }

    @Test
    void concurrentRequestsWithTheSameKeyMakeOneSetOfJobs() throws Exception {
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Stack.Answer>> answers = new ArrayList<>();
        try {
            IntStream.range(0, clients).forEach(c -> answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return submit(token, key, List.of(ECHO, LS, ECHO));
            }, pool)));
            start.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }

        List<Stack.Answer> created = answers.stream().map(CompletableFuture::join).filter(a -> a.status() == 201).toList();
        assertThat(answers).extracting(a -> a.join().status()).as("every answer is the jobs or 'in progress'")
                .isSubsetOf(201, 409);
        assertThat(created).isNotEmpty();
        List<Long> ids = ids(created.get(0));
        assertThat(created).allSatisfy(answer -> assertThat(ids(answer)).isEqualTo(ids));
        answers.stream().map(CompletableFuture::join).filter(a -> a.status() == 409)
                .forEach(a -> assertThat(a.json().get("detail").asText()).contains("still being processed"));
        assertThat(ids(submit(token, key, List.of(ECHO, LS, ECHO)))).as("a retry after them all").isEqualTo(ids);
        assertThat(searchedIds(token)).containsExactlyInAnyOrderElementsOf(ids);
        try (Connection db = Stack.database()) {
            assertThat(EventTableRows.jobsSubmittedBy(db, user)).hasSize(3);
        }
    }

    @Test
    void aParametricSubmissionWithAKeyIsExpandedOnce() {
        Stack.Answer first = submit(token, key, List.of(PARAMETRIC));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.json().findValuesAsText("Status")).containsOnly("Submitting");
        List<Long> ids = ids(first);
        assertThat(ids).hasSize(3);

        Stack.Answer again = submit(token, key, List.of(PARAMETRIC));

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        JsonNode jobs = search(token, Map.of("parameters", List.of("JobID", "JobName")));
        assertThat(jobs.findValues("JobID").stream().map(JsonNode::asLong).toList()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(jobs.findValuesAsText("JobName")).containsExactlyInAnyOrder("Test_0", "Test_1", "Test_2");
    }

    @Test
    void aRefusedRequestDoesNotUseUpItsKey() {
        Stack.Answer refused = submit(token, key, List.of("Executable = \"echo;"));
        assertThat(refused.status()).isEqualTo(400);

        Stack.Answer fixed = submit(token, key, List.of(ECHO));

        assertThat(fixed.status()).as(fixed.text()).isEqualTo(201);
        assertThat(fixed.header(ApiHeaders.IDEMPOTENT_REPLAYED)).isEmpty();
        assertThat(searchedIds(token)).containsExactlyElementsOf(ids(fixed));
    }

    @Test
    void aSubmissionWithoutAKeyIsMadeEachTime() {
        List<Long> first = ids(call("POST", "/api/jobs/jdl", token, List.of(ECHO)));
        List<Long> second = ids(call("POST", "/api/jobs/jdl", token, List.of(ECHO)));

        assertThat(second).doesNotContainAnyElementsOf(first);
        assertThat(searchedIds(token)).hasSize(2);
    }

    @Test
    void theApiDescriptionDocumentsTheHeaderOnTheSubmission() {
        Stack.Answer description = call("GET", "/api/openapi.json", null, null);
        assertThat(description.status()).isEqualTo(200);

        JsonNode parameters = description.json().get("paths").get("/api/jobs/jdl").get("post").get("parameters");
        JsonNode header = null;
        for (JsonNode parameter : parameters) {
            if (parameter.get("name").asText().equals(ApiHeaders.IDEMPOTENCY_KEY)) {
                header = parameter;
            }
        }
        assertThat(header).as(parameters.toString()).isNotNull();
        assertThat(header.get("in").asText()).isEqualTo("header");
        assertThat(header.path("required").asBoolean(false)).isFalse();
        assertThat(header.get("schema").get("maxLength").asInt()).isEqualTo(255);
        assertThat(header.get("description").asText()).contains("409").contains("422");
    }

    private static Stack.Answer submit(String token, String key, List<String> jdls) {
        try {
            return Stack.send("POST", "/api/jobs/jdl", token, Stack.JSON.writeValueAsBytes(jdls),
                    Map.of(ApiHeaders.IDEMPOTENCY_KEY, key));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> ids(Stack.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json().findValues("JobID").stream().map(JsonNode::asLong).toList();
    }

    /** Every job the caller sees (its own: visibility is private), by id. */
    private static List<Long> searchedIds(String token) {
        return search(token, Map.of()).findValues("JobID").stream().map(JsonNode::asLong).toList();
    }

    private static JsonNode search(String token, Object body) {
        Stack.Answer answer = call("POST", "/api/jobs/search?per_page=100", token, body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }
}
