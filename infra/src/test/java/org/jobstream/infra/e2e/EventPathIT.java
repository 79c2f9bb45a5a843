package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.store.EventTableRows;
import org.junit.jupiter.api.Test;

/** The path of a command's event: event store in PostgreSQL, then Kafka, then the read models. */
class EventPathIT {

    private final String user = "grace-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aSubmissionIsStoredAsAJobSubmittedEventAndPublishedToKafkaKeyedByJobId() throws Exception {
        long jobId = call("POST", "/api/jobs/jdl", token(user, "NormalUser"), List.of("Executable = \"echo\";"))
                .json().get(0).get("JobID").asLong();

        try (Connection db = Stack.database()) {
            List<EventTableRows.Row> rows = EventTableRows.rowsOf(db, jobId);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).payloadType()).isEqualTo(JobSubmitted.class.getName());
            assertThat(rows.get(0).sequence()).isZero();
            assertThat(new String(rows.get(0).payload(), StandardCharsets.UTF_8)).contains("\"owner\":\"" + user + "\"");
        }

        RecordedJobEvent published = consumeFirst(jobId);
        assertThat(published.event()).isInstanceOf(JobSubmitted.class);
        JobSubmitted submitted = (JobSubmitted) published.event();
        assertThat(submitted.jobId()).isEqualTo(jobId);
        assertThat(submitted.owner()).isEqualTo(user);
        assertThat(submitted.status()).isEqualTo(JobStatus.RECEIVED);
        assertThat(submitted.jdl()).contains("Executable").contains("JobID = " + jobId);
        assertThat(published.sequence()).isZero();
        assertThat(published.position()).isPositive();
    }

    @Test
    void anotherUsersJobsAreInvisible() {
        String other = "heidi-" + UUID.randomUUID().toString().substring(0, 8);
        long jobId = call("POST", "/api/jobs/jdl", token(user, "NormalUser"), List.of("Executable = \"echo\";"))
                .json().get(0).get("JobID").asLong();
        Map<String, Object> byId = Map.of("search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId)));

        assertThat(call("POST", "/api/jobs/search", token(user, "NormalUser"), byId).json()).hasSize(1);
        assertThat(call("POST", "/api/jobs/search", token(other, "NormalUser"), byId).json()).isEmpty();
        assertThat(call("POST", "/api/jobs/search", token(user, "lhcb", "lhcb_user", Duration.ofHours(1),
                "NormalUser"), byId).json()).hasSize(1);
        assertThat(call("POST", "/api/jobs/search", token(user, "atlas", "atlas_user", Duration.ofHours(1),
                "NormalUser"), byId).json()).as("same name in another VO").isEmpty();
        assertThat(call("POST", "/api/jobs/search", token("admin", "JobAdministrator"), byId).json()).hasSize(1);
    }

    private static RecordedJobEvent consumeFirst(long jobId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName());
        JobEventCodec codec = new JobEventCodec();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Stack.TOPIC));
            List<String> seenKeys = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    seenKeys.add(record.key());
                    if (record.key().equals(Long.toString(jobId))) {
                        assertThat(record.value().getSubject()).isEqualTo(Long.toString(jobId));
                        assertThat(record.value().getType()).isEqualTo("org.jobstream.job.submitted.v1");
                        return codec.decode(record.value());
                    }
                }
            }
            throw new AssertionError("No event of job " + jobId + " on " + Stack.TOPIC + " within 60 s; saw " + seenKeys.size());
        }
    }
}
