package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/jobs/search} and {@code /summary}: operators, selection, sort, pages, visibility. */
class SearchIT {

    private static final String USER = "ivan-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TOKEN = token(USER, "NormalUser");
    private static final List<Long> IDS = new ArrayList<>();

    /** Ten jobs: names job-0..job-9, sites A (even) and B (odd), priorities 0..9. */
    @BeforeAll
    static void submitJobs() {
        List<String> jdls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jdls.add("Executable = \"echo\"; JobName = \"job-" + i + "\"; Site = \"LCG." + (i % 2 == 0 ? "A" : "B")
                    + ".ch\"; Priority = " + i + ";");
        }
        call("POST", "/api/jobs/jdl", TOKEN, jdls).json().forEach(job -> IDS.add(job.get("JobID").asLong()));
    }

    @Test
    void everyOperatorFiltersAsDocumented() {
        assertThat(names(filter("JobName", "eq", "job-3"))).containsExactly("job-3");
        assertThat(names(filter("JobName", "neq", "job-3"))).hasSize(9).doesNotContain("job-3");
        assertThat(names(filter("UserPriority", "gt", 7))).containsExactly("job-8", "job-9");
        assertThat(names(filter("UserPriority", "lt", "2"))).containsExactly("job-0", "job-1");
        assertThat(names(filter("JobName", "like", "job-_"))).hasSize(10);
        assertThat(names(filter("Site", "like", "%.B.%"))).containsExactly("job-1", "job-3", "job-5", "job-7", "job-9");
        assertThat(names(filter("Site", "not like", "%.B.%"))).containsExactly("job-0", "job-2", "job-4", "job-6", "job-8");
        assertThat(names(filter("JobName", "regex", "[12]$"))).containsExactly("job-1", "job-2");
        assertThat(names(Map.of("parameter", "JobName", "operator", "in", "values", List.of("job-4", "job-5", "nope"))))
                .containsExactly("job-4", "job-5");
        assertThat(names(Map.of("parameter", "UserPriority", "operator", "not in", "values", List.of(0, 1, 2, 3, 4))))
                .containsExactly("job-5", "job-6", "job-7", "job-8", "job-9");
        assertThat(names(filter("JobID", "eq", String.valueOf(IDS.get(2))))).containsExactly("job-2");
    }

    @Test
    void dateTimeFiltersMatchTheWholePeriodOfAPartialValue() {
        String year = search(Map.of()).get(0).get("SubmissionTime").asText().substring(0, 4);
        int next = Integer.parseInt(year) + 1;

        assertThat(names(filter("SubmissionTime", "eq", year))).hasSize(10);
        assertThat(names(filter("SubmissionTime", "lt", year))).isEmpty();
        assertThat(names(filter("SubmissionTime", "lt", String.valueOf(next)))).hasSize(10);
        assertThat(names(filter("SubmissionTime", "gt", year))).isEmpty();
        assertThat(call("POST", "/api/jobs/search", TOKEN, Map.of("search", List.of(filter("SubmissionTime", "like", year))))
                .status()).isEqualTo(400);
    }

    @Test
    void badFiltersAre400WithAMessage() {
        for (Map<String, Object> bad : List.of(
                filter("No such thing", "eq", "x"),
                filter("JobName", "sounds like", "x"),
                filter("JobName", "regex", "(unclosed"),
                filter("UserPriority", "eq", "high"),
                Map.<String, Object>of("parameter", "JobName", "operator", "in", "value", "x"))) {
            Stack.Answer answer = call("POST", "/api/jobs/search", TOKEN, Map.of("search", List.of(bad)));
            assertThat(answer.status()).as(bad.toString()).isEqualTo(400);
            assertThat(answer.json().get("detail").asText()).isNotBlank();
        }
        assertThat(call("POST", "/api/jobs/search", TOKEN, Map.of("parameters", List.of("No.pe"))).status()).isEqualTo(400);
        assertThat(call("POST", "/api/jobs/search", TOKEN, Map.of("sort", List.of(Map.of("parameter", "Nope", "direction", "asc"))))
                .status()).isEqualTo(400);
        assertThat(call("POST", "/api/jobs/search", TOKEN, Map.of("sort", List.of(Map.of("parameter", "JobID", "direction", "up"))))
                .status()).isEqualTo(422);
    }

    @Test
    void aNameThatNoJobHasIsAJobParameterThatMatchesAndSelectsNothing() {
        assertThat(names(filter("NoSuchThing", "eq", "x"))).isEmpty();
        assertThat(names(filter("NoSuchThing", "neq", "x"))).isEmpty();
        JsonNode jobs = search(Map.of("parameters", List.of("JobName", "NoSuchThing")));
        assertThat(jobs).hasSize(10);
        assertThat(jobs.get(0).get("NoSuchThing").isNull()).isTrue();
        JsonNode summary = call("POST", "/api/jobs/summary", TOKEN, Map.of("grouping", List.of("NoSuchThing"))).json();
        assertThat(summary).hasSize(1);
        assertThat(summary.get(0).get("NoSuchThing").isNull()).isTrue();
        assertThat(summary.get(0).get("count").asInt()).isEqualTo(10);
    }

    @Test
    void parametersSelectTheReturnedFields() {
        JsonNode jobs = search(Map.of("parameters", List.of("JobName", "Site")));

        assertThat(jobs).hasSize(10);
        assertThat(jobs.get(0).size()).isEqualTo(2);
        assertThat(jobs.get(0).has("JobName")).isTrue();
        assertThat(jobs.get(0).has("Site")).isTrue();
    }

    @Test
    void sortIsMultiKeyAndJobIdOrderIsTheDefault() {
        assertThat(names(Map.of())).containsExactly("job-0", "job-1", "job-2", "job-3", "job-4", "job-5", "job-6",
                "job-7", "job-8", "job-9");
        JsonNode sorted = search(Map.of("sort", List.of(Map.of("parameter", "Site", "direction", "desc"),
                Map.of("parameter", "UserPriority", "direction", "desc"))));
        assertThat(sorted.findValuesAsText("JobName")).containsExactly("job-9", "job-7", "job-5", "job-3", "job-1",
                "job-8", "job-6", "job-4", "job-2", "job-0");
    }

    @Test
    void distinctRemovesDuplicateRows() {
        JsonNode sites = search(Map.of("parameters", List.of("Site"), "distinct", true));

        assertThat(sites.findValuesAsText("Site")).containsExactly("LCG.A.ch", "LCG.B.ch");
    }

    @Test
    void pagesAnswer206WithContentRangeAnd416PastTheEnd() {
        Stack.Answer first = call("POST", "/api/jobs/search?page=1&per_page=4", TOKEN, Map.of());
        Stack.Answer last = call("POST", "/api/jobs/search?page=3&per_page=4", TOKEN, Map.of());
        Stack.Answer past = call("POST", "/api/jobs/search?page=4&per_page=4", TOKEN, Map.of());
        Stack.Answer all = call("POST", "/api/jobs/search?page=1&per_page=10", TOKEN, Map.of());

        assertThat(first.status()).isEqualTo(206);
        assertThat(first.header("Content-Range")).hasValue("jobs 0-3/10");
        assertThat(last.status()).isEqualTo(206);
        assertThat(last.header("Content-Range")).hasValue("jobs 8-9/10");
        assertThat(last.json()).hasSize(2);
        assertThat(past.status()).isEqualTo(416);
        assertThat(past.header("Content-Range")).hasValue("jobs */10");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("Content-Range")).isEmpty();
        assertThat(call("POST", "/api/jobs/search?per_page=0", TOKEN, Map.of()).status()).isEqualTo(422);
        assertThat(call("POST", "/api/jobs/search?per_page=10001", TOKEN, Map.of()).status()).isEqualTo(422);
        assertThat(call("POST", "/api/jobs/search?page=0", TOKEN, Map.of()).status()).isEqualTo(422);
        assertThat(call("POST", "/api/jobs/search?per_page=10000", TOKEN, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void pagesBeyondTheSearchWindowAreServed() {
        Stack.Answer deep = call("POST", "/api/jobs/search?page=10001&per_page=1", TOKEN, Map.of());

        assertThat(deep.status()).isEqualTo(416);
        assertThat(deep.header("Content-Range")).hasValue("jobs */10");
    }

    @Test
    void loggingInfoAddsEachJobsStatusRecords() {
        JsonNode jobs = search(Map.of("parameters", List.of("JobName", "LoggingInfo"),
                "search", List.of(filter("JobName", "eq", "job-0"))));

        JsonNode record = jobs.get(0).get("LoggingInfo").get(0);
        assertThat(jobs.get(0).get("JobID").asLong()).isEqualTo(IDS.get(0));
        assertThat(record.get("Status").asText()).isEqualTo("Received");
        assertThat(record.get("MinorStatus").asText()).isEqualTo("Job accepted");
        assertThat(record.get("ApplicationStatus").asText()).isEqualTo("Unknown");
        assertThat(record.get("Source").asText()).isEqualTo("JobManager");
    }

    @Test
    void summaryCountsTheVisibleMatchingJobsPerGroup() {
        Stack.Answer answer = call("POST", "/api/jobs/summary", TOKEN, Map.of("grouping", List.of("Site", "Status")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).hasSize(2);
        assertThat(answer.json().get(0).get("Site").asText()).isEqualTo("LCG.A.ch");
        assertThat(answer.json().get(0).get("Status").asText()).isEqualTo("Received");
        assertThat(answer.json().get(0).get("count").asInt()).isEqualTo(5);
        JsonNode filtered = call("POST", "/api/jobs/summary", TOKEN, Map.of("grouping", List.of("Owner"),
                "search", List.of(filter("UserPriority", "gt", 6)))).json();
        assertThat(filtered.get(0).get("Owner").asText()).isEqualTo(USER);
        assertThat(filtered.get(0).get("count").asInt()).isEqualTo(3);
        assertThat(call("POST", "/api/jobs/summary", TOKEN, Map.of("search", List.of())).status()).isEqualTo(422);
        assertThat(call("POST", "/api/jobs/summary", TOKEN, Map.of("grouping", List.of("No.pe"))).status()).isEqualTo(400);
    }

    @Test
    void otherUsersSeeNoneOfTheseJobs() {
        String other = token("judy-" + UUID.randomUUID().toString().substring(0, 8), "NormalUser");
        Map<String, Object> byIds = Map.of("search", List.of(Map.of("parameter", "JobID", "operator", "in", "values", IDS)));

        assertThat(Stack.callAfterAllWrites("POST", "/api/jobs/search", other, byIds).json()).isEmpty();
        assertThat(call("POST", "/api/jobs/summary", other, Map.of("grouping", List.of("Owner"),
                "search", byIds.get("search"))).json()).isEmpty();
        assertThat(call("POST", "/api/jobs/search", token("root", "JobAdministrator"), byIds).json()).hasSize(10);
    }

    private static Map<String, Object> filter(String parameter, String operator, Object value) {
        return Map.of("parameter", parameter, "operator", operator, "value", value);
    }

    private static List<String> names(Map<String, Object> filter) {
        Map<String, Object> body = filter.isEmpty() ? Map.of() : Map.of("search", List.of(filter));
        return search(body).findValuesAsText("JobName");
    }

    private static JsonNode search(Map<String, Object> body) {
        Stack.Answer answer = call("POST", "/api/jobs/search?per_page=100", TOKEN, body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }
}
