package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobstream.store.EventTableRows;
import org.junit.jupiter.api.Test;

/** {@code POST /api/jobs/jdl} through the entry point, against the running stack. */
class SubmissionIT {

    private static final String SIMPLE_JDL = "Executable = \"echo\"; Arguments = \"hello\";";
    private static final String DIRAC_JDL = """
            Executable = "dirac-jobexec";
            Arguments = "jobDescription.xml -o LogLevel=INFO";
            JobName = jobName;
            JobGroup = jobGroup;
            JobType = User;
            OutputSandbox = {Script1_CodeOutput.log, std.err, std.out};
            Priority = 1;
            Site = ANY;
            StdError = std.err;
            StdOutput = std.out;""";

    private final String user = "alice-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");

    @Test
    void aSubmittedJobIsFoundBySearchRightAfterThe201() {
        Stack.Answer submitted = call("POST", "/api/jobs/jdl", token, List.of(SIMPLE_JDL));

        assertThat(submitted.status()).isEqualTo(201);
        JsonNode job = submitted.json().get(0);
        assertThat(job.get("JobID").asLong()).isPositive();
        assertThat(job.get("Status").asText()).isEqualTo("Received");
        assertThat(job.get("MinorStatus").asText()).isEqualTo("Job accepted");
        assertThat(job.get("TimeStamp").asText()).endsWith("Z");

        JsonNode found = search(Map.of("search", List.of(Map.of("parameter", "JobID", "operator", "eq",
                "value", job.get("JobID").asLong()))));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("Owner").asText()).isEqualTo(user);
        assertThat(found.get(0).get("OwnerGroup").asText()).isEqualTo("lhcb_user");
        assertThat(found.get(0).get("VO").asText()).isEqualTo("lhcb");
        assertThat(found.get(0).get("Status").asText()).isEqualTo("Received");
        assertThat(found.get(0).get("ApplicationStatus").asText()).isEqualTo("Unknown");
    }

    @Test
    void aDiracJdlKeepsItsAttributesAndGetsDefaults() {
        long id = call("POST", "/api/jobs/jdl", token, List.of(DIRAC_JDL)).json().get(0).get("JobID").asLong();

        JsonNode job = search(byIds(List.of(id))).get(0);
        assertThat(job.get("JobName").asText()).isEqualTo("jobName");
        assertThat(job.get("JobGroup").asText()).isEqualTo("jobGroup");
        assertThat(job.get("JobType").asText()).isEqualTo("User");
        assertThat(job.get("Site").asText()).isEqualTo("ANY");
        assertThat(job.get("UserPriority").asInt()).isEqualTo(1);
        assertThat(job.get("RescheduleCounter").asInt()).isZero();
        assertThat(job.get("VerifiedFlag").asBoolean()).isTrue();
        assertThat(job.get("AccountedFlag").asBoolean()).isFalse();
    }

    @Test
    void bulkSubmissionCreatesIncreasingJobsInOneTransaction() throws Exception {
        List<String> jdls = Collections.nCopies(20, SIMPLE_JDL);

        Stack.Answer submitted = call("POST", "/api/jobs/jdl", token, jdls);

        assertThat(submitted.status()).isEqualTo(201);
        List<Long> ids = new ArrayList<>();
        submitted.json().forEach(job -> ids.add(job.get("JobID").asLong()));
        assertThat(ids).hasSize(20).isSorted().doesNotHaveDuplicates();
        assertThat(submitted.json().findValuesAsText("TimeStamp")).containsOnly(submitted.json().get(0).get("TimeStamp").asText());
        assertThat(submitted.json().findValuesAsText("Status")).containsOnly("Received");
        // One transaction: every event row was written by the same PostgreSQL transaction.
        try (Connection db = Stack.database()) {
            EventTableRows.Stored stored = EventTableRows.storedOf(db, ids);
            assertThat(stored.events()).isEqualTo(20);
            assertThat(stored.transactions()).isEqualTo(1);
        }
        assertThat(search(byIds(ids))).hasSize(20);
    }

    @Test
    void aParametricJdlExpandsIntoJobsWaitingForBulkConfirmation() {
        String parametric = """
                Executable = "echo";
                Arguments = "%s";
                JobName = "Test_%n";
                Parameters = 3;
                ParameterStart = 1;
                ParameterStep = 1;""";

        Stack.Answer submitted = call("POST", "/api/jobs/jdl", token, List.of(parametric));

        assertThat(submitted.status()).isEqualTo(201);
        assertThat(submitted.json()).hasSize(3);
        assertThat(submitted.json().findValuesAsText("Status")).containsOnly("Submitting");
        assertThat(submitted.json().findValuesAsText("MinorStatus")).containsOnly("Bulk transaction confirmation");
        List<Long> ids = submitted.json().findValues("JobID").stream().map(JsonNode::asLong).toList();
        JsonNode jobs = search(Map.of("parameters", List.of("JobID", "JobName"),
                "search", List.of(Map.of("parameter", "JobID", "operator", "in", "values", ids))));
        assertThat(jobs.findValuesAsText("JobName")).containsExactly("Test_0", "Test_1", "Test_2");
    }

    @Test
    void moreThanTwentyJobsIsRefused() {
        Stack.Answer tooManyJdls = call("POST", "/api/jobs/jdl", token, Collections.nCopies(21, SIMPLE_JDL));
        Stack.Answer tooManyParameters = call("POST", "/api/jobs/jdl", token,
                List.of("Executable = \"echo\"; Arguments = \"%s\"; JobName = \"Test_%n\"; Parameters = 100; ParameterStart = 1;"));

        assertThat(tooManyJdls.status()).isEqualTo(400);
        assertThat(tooManyJdls.json().get("detail").asText()).contains("more than 20 jobs");
        assertThat(tooManyParameters.status()).isEqualTo(400);
        assertThat(visibleJobCount()).isZero();
    }

    @Test
    void parametricJobsCannotBeSubmittedInBulk() {
        Stack.Answer answer = call("POST", "/api/jobs/jdl", token,
                List.of(SIMPLE_JDL, "Executable = \"echo\"; Parameters = {a, b};"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).isEqualTo("You cannot submit parametric jobs in a bulk fashion");
        assertThat(visibleJobCount()).isZero();
    }

    @Test
    void oneInvalidJdlCreatesNoJobAndNamesItsIndexAndProblem() {
        Stack.Answer answer = call("POST", "/api/jobs/jdl", token,
                List.of(SIMPLE_JDL, SIMPLE_JDL, "Executable = \"echo;\nArguments = \"x\";"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).contains("JDL 2").contains("line");
        assertThat(visibleJobCount()).isZero();
    }

    @Test
    void malformedBodiesAreRefusedWithAMessage() {
        assertThat(call("POST", "/api/jobs/jdl", token, List.of()).status()).isEqualTo(400);
        assertThat(call("POST", "/api/jobs/jdl", token, List.of("[ 'Executable = \"echo\";' ]")).status()).isEqualTo(400);
        assertThat(call("POST", "/api/jobs/jdl", token, "not a list".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(422);
        assertThat(call("POST", "/api/jobs/jdl", token, Map.of("jdl", SIMPLE_JDL)).status()).isEqualTo(422);
        byte[] notUtf8 = {'[', '"', (byte) 0xC3, (byte) 0x28, '"', ']'};
        Stack.Answer invalidUtf8 = call("POST", "/api/jobs/jdl", token, notUtf8);
        assertThat(invalidUtf8.status()).isBetween(400, 422);
        assertThat(invalidUtf8.json().get("detail")).isNotNull();
        String huge = "Executable = \"" + "x".repeat(10 * 1024 * 1024) + "\";";
        Stack.Answer tooBig = call("POST", "/api/jobs/jdl", token, List.of(huge));
        assertThat(tooBig.status()).isIn(400, 413);
        assertThat(visibleJobCount()).isZero();
    }

    @Test
    void ownerGroupAndVoComeFromTheTokenNeverFromTheJdl() {
        long id = call("POST", "/api/jobs/jdl", token,
                List.of("Executable = \"echo\"; Owner = \"mallory\"; OwnerGroup = \"admins\";"))
                .json().get(0).get("JobID").asLong();

        JsonNode job = search(byIds(List.of(id))).get(0);
        assertThat(job.get("Owner").asText()).isEqualTo(user);
        assertThat(job.get("OwnerGroup").asText()).isEqualTo("lhcb_user");
        assertThat(call("POST", "/api/jobs/jdl", token, List.of("Executable = \"echo\"; VirtualOrganization = \"atlas\";"))
                .status()).isEqualTo(400);
    }

    private JsonNode search(Object body) {
        Stack.Answer answer = call("POST", "/api/jobs/search?per_page=100", token, body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private int visibleJobCount() {
        return search(Map.of()).size();
    }

    private static Map<String, Object> byIds(List<Long> ids) {
        return Map.of("search", List.of(Map.of("parameter", "JobID", "operator", "in", "values", ids)));
    }

}
