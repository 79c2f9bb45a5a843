package org.jobstream.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.common.stream.BlockingStream;
import org.jobstream.command.job.JobTestSupport;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.HeartbeatReceivedV1;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobState;
import org.jobstream.events.JobStatus;
import org.jobstream.events.OlderEventVersion;
import org.jobstream.events.StatusRecord;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.store.EventTableRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store holding both versions of heartbeats, as it does after the second version was introduced:
 * whatever reads it through Axon, the Job aggregate and the publisher's stream, gets every heartbeat
 * as the second version, and the stored first-version rows stay as they were stored.
 */
class OlderEventVersionsUpcasterTest {

    private static final long JOB = 5;
    private static final Instant T0 = AxonJobStore.T0;

    private AxonJobStore store;
    private final List<HeartbeatReceivedV1> storedV1 = new ArrayList<>();

    @BeforeEach
    void aStoreWithFirstVersionHeartbeatsThenSecondVersionOnes() throws Exception {
        store = AxonJobStore.fresh(1_000);
        store.submit(JOB, JobStatus.MATCHED);
        // as the service stored heartbeats before their second version: the first revived the Matched job
        Instant first = T0.plusSeconds(1);
        storedV1.add(new HeartbeatReceivedV1(JOB, first, Map.of("CPUConsumed", "1"),
                new StatusRecord(JobStatus.RUNNING, StatusRecord.IDEM, StatusRecord.IDEM, first, "Heartbeat"),
                JobStatus.RUNNING, "Assigned", "Unknown", first, null, first, first));
        for (int n = 2; n <= 3; n++) {
            Instant at = T0.plusSeconds(n);
            storedV1.add(new HeartbeatReceivedV1(JOB, at, Map.of("CPUConsumed", Integer.toString(n)), null,
                    JobStatus.RUNNING, "Assigned", "Unknown", first, null, at, first));
        }
        List<EventTableRows.Row> rows = new ArrayList<>();
        for (int i = 0; i < storedV1.size(); i++) {
            rows.add(new EventTableRows.Row(null, Long.toString(JOB), i + 1L, UUID.randomUUID().toString(),
                    storedV1.get(i).time().toString(), HeartbeatReceived.class.getName(), null,
                    JobEventCodec.defaultMapper().writeValueAsBytes(storedV1.get(i)), "{}".getBytes()));
        }
        try (Connection db = store.pool.getConnection()) {
            EventTableRows.append(db, rows);
        }
        store.heartbeat(JOB, 4);
        store.heartbeat(JOB, 5);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theAggregateReadsFirstVersionHeartbeatsAsTheSecondVersion() throws Exception {
        List<? extends EventMessage<?>> events = store.events().readEvents(Long.toString(JOB)).asStream().toList();

        assertThat(events).hasSize(6);
        List<Object> payloads = events.stream().<Object>map(EventMessage::getPayload).toList();
        assertThat(payloads.subList(1, 6)).allSatisfy(p -> assertThat(p).isInstanceOf(HeartbeatReceived.class));
        assertThat(payloads.subList(1, 4))
                .containsExactlyElementsOf(storedV1.stream().map(HeartbeatReceivedV1::upcast).toList());

        JobState state = JobTestSupport.stateOf(store.load(JOB));
        assertThat(state.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(state.startExecTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(state.lastUpdateTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(state.lastRecordTime()).isEqualTo(T0.plusSeconds(1));
        assertThat(state.heartBeatTime()).isEqualTo(T0.plusSeconds(5));
        assertThat(state).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(JobState.replayed(
                payloads.stream().map(JobEvent.class::cast).toList()));
    }

    @Test
    void theSecondVersionIsWhatTheServiceNowStoresAndTheFirstVersionRowsStayAsStored() throws Exception {
        List<String> revisions;
        try (Connection db = store.pool.getConnection()) {
            revisions = EventTableRows.rowsOf(db, JOB).stream()
                    .filter(row -> row.payloadType().equals(HeartbeatReceived.class.getName()))
                    .map(row -> row.revision() == null ? "-" : row.revision()).toList();
        }

        assertThat(revisions).containsExactly("-", "-", "-", HeartbeatReceived.REVISION, HeartbeatReceived.REVISION);
        assertThat(OlderEventVersion.ofStored(HeartbeatReceived.class.getName(), null))
                .contains(OlderEventVersion.HEARTBEAT_RECEIVED_V1);
    }

    @Test
    void thePublishersStreamCarriesEveryHeartbeatAsTheSecondVersion() throws Exception {
        List<Object> payloads = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = store.events().openStream(null)) {
            while (payloads.size() < 6 && stream.hasNextAvailable(5, java.util.concurrent.TimeUnit.SECONDS)) {
                payloads.add(stream.nextAvailable().getPayload());
            }
        }

        assertThat(payloads).hasSize(6);
        assertThat(payloads.subList(1, 6)).allSatisfy(p -> assertThat(p).isInstanceOf(HeartbeatReceived.class));
        assertThat(payloads.subList(1, 4)).containsExactlyElementsOf(storedV1.stream().map(HeartbeatReceivedV1::upcast).toList());
    }
}
