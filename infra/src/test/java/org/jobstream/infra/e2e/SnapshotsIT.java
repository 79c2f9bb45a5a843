package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobstream.store.SnapshotTableRows;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of jobs in the running command service: a job that passed the snapshot threshold has a
 * snapshot, a job the service no longer holds in memory is loaded from it, and a snapshot that cannot
 * be read is ignored (the job replayed from its events, then snapshotted again) rather than failing
 * the job's commands.
 */
class SnapshotsIT {

    /** Past the command service's default snapshot threshold (100 events). */
    private static final int HEARTBEATS = 110;

    private final String user = "snap-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");
    private final String pilot = token("pilot", "GenericPilot");
    private final String admin = token("snap-admin", "JobAdministrator");

    @Test
    void aJobIsLoadedFromItsSnapshotAndAnUnreadableSnapshotIsIgnored() throws Exception {
        long jobId = call("POST", "/api/jobs/jdl", token, List.of("Executable = \"echo\";")).json().get(0)
                .get("JobID").asLong();
        for (int n = 1; n <= HEARTBEATS; n++) {
            heartbeat(jobId, n);
        }
        assertThat(awaitSnapshot(jobId, false)).as("a snapshot of job %d", jobId).isTrue();

        assertThat(call("POST", "/admin/job-cache/evict", admin, null).json().get("evicted").asInt()).isPositive();
        heartbeat(jobId, HEARTBEATS + 1);

        try (Connection db = Stack.database()) {
            assertThat(SnapshotTableRows.replacePayload(db, jobId, "{\"jobId\": 1, \"state\": ".getBytes())).isEqualTo(1);
        }
        call("POST", "/admin/job-cache/evict", admin, null);
        heartbeat(jobId, HEARTBEATS + 2);

        assertThat(awaitSnapshot(jobId, true)).as("a readable snapshot of job %d again", jobId).isTrue();
        assertThat(call("GET", "/api/jobs/" + jobId + "/history", token, null).json()).hasSize(HEARTBEATS + 3);
        assertThat(call("POST", "/admin/job-cache/evict", token, null).status()).isEqualTo(403);
    }

    private void heartbeat(long jobId, int n) {
        Stack.Answer answer = call("PATCH", "/api/jobs/heartbeat", pilot,
                Map.of(Long.toString(jobId), Map.of("CPUConsumed", (double) n)));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    /** Waits (up to 30 s) until the job has a snapshot, one that is JSON with a state when {@code readable}. */
    private static boolean awaitSnapshot(long jobId, boolean readable) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection db = Stack.database()) {
            while (System.nanoTime() < deadline) {
                for (SnapshotTableRows.Snapshot snapshot : SnapshotTableRows.of(db, jobId)) {
                    if ("1".equals(snapshot.revision())
                            && (!readable || isJobSnapshot(new String(snapshot.payload(), StandardCharsets.UTF_8)))) {
                        return true;
                    }
                }
                Thread.sleep(100);
            }
        }
        return false;
    }

    private static boolean isJobSnapshot(String json) {
        try {
            return Stack.JSON.readTree(json).has("state");
        } catch (Exception e) {
            return false;
        }
    }
}
