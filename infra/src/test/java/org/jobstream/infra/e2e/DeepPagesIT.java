package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pages beyond Elasticsearch's 10,000-hit window, for a user with more than 10,000 jobs. */
class DeepPagesIT {

    private static final int JOBS = 10_020;

    @Test
    void aPageBeyondTheSearchWindowHoldsTheRightJob() {
        String token = token("deep-" + UUID.randomUUID().toString().substring(0, 8), "NormalUser");
        List<String> twenty = Collections.nCopies(20, "Executable = \"echo\";");
        List<Long> ids = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> submissions = IntStream.range(0, 4)
                .mapToObj(thread -> CompletableFuture.runAsync(() -> {
                    for (int request = thread; request < JOBS / 20; request += 4) {
                        Stack.Answer answer = call("POST", "/api/jobs/jdl", token, twenty);
                        assertThat(answer.status()).isEqualTo(201);
                        answer.json().forEach(job -> ids.add(job.get("JobID").asLong()));
                    }
                }))
                .toList();
        submissions.forEach(CompletableFuture::join);
        List<Long> sorted = ids.stream().sorted().toList();

        Stack.Answer deep = search(token, "page=10011&per_page=1", Map.of("parameters", List.of("JobID")));
        Stack.Answer lastPage = search(token, "page=3&per_page=5000", Map.of("parameters", List.of("JobID")));
        Stack.Answer descending = search(token, "page=2&per_page=10000",
                Map.of("parameters", List.of("JobID"), "sort", List.of(Map.of("parameter", "JobID", "direction", "desc"))));

        assertThat(deep.status()).isEqualTo(206);
        assertThat(deep.header("Content-Range")).hasValue("jobs 10010-10010/" + JOBS);
        assertThat(deep.json().get(0).get("JobID").asLong()).isEqualTo(sorted.get(10_010));
        assertThat(lastPage.json()).hasSize(JOBS - 10_000);
        assertThat(lastPage.json().get(0).get("JobID").asLong()).isEqualTo(sorted.get(10_000));
        assertThat(descending.json()).hasSize(JOBS - 10_000);
        assertThat(descending.json().get(0).get("JobID").asLong()).isEqualTo(sorted.get(JOBS - 10_001));
    }

    /** A search as a DiracX client makes it: a 503 (read models still catching up) is retried after Retry-After. */
    private static Stack.Answer search(String token, String query, Map<String, Object> body) {
        for (int attempt = 0; ; attempt++) {
            Stack.Answer answer = call("POST", "/api/jobs/search?" + query, token, body);
            if (answer.status() != 503 || attempt == 12) {
                return answer;
            }
            assertThat(answer.header("Retry-After")).isPresent();
        }
    }
}
