package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.token;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.tracing.TraceParent;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context across the pipeline: the trace a request brings (or the new one it gets) is in
 * the answer's {@code traceparent}, and on the CloudEvent of every event the request caused (the
 * {@code traceparent} extension), so a consumer of the topic can join the request's trace.
 */
class TracingIT {

    private final String user = "trace-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = token(user, "NormalUser");

    @Test
    void aRequestsTraceReachesTheCloudEventsOfItsEvents() throws Exception {
        TraceParent submitTrace = TraceParent.newTrace();
        Stack.Answer submitted = Stack.send("POST", "/api/jobs/jdl", token,
                Stack.JSON.writeValueAsBytes(List.of("Executable = \"echo\";")),
                Map.of("Content-Type", "application/json", TraceParent.NAME, submitTrace.toString()));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        long jobId = submitted.json().get(0).get("JobID").asLong();
        TraceParent answered = TraceParent.parse(submitted.header(TraceParent.NAME).orElseThrow()).orElseThrow();
        assertThat(answered.traceId()).isEqualTo(submitTrace.traceId());
        assertThat(answered.parentId()).as("the service's own span").isNotEqualTo(submitTrace.parentId());

        // no traceparent: the service starts a trace and says which
        Stack.Answer killed = Stack.send("PATCH", "/api/jobs/status", token, Stack.JSON.writeValueAsBytes(
                        Map.of(Long.toString(jobId), Map.of(Instant.now().toString(), Map.of("Status", "Killed")))),
                Map.of("Content-Type", "application/json", TraceParent.NAME, "not-a-trace"));
        assertThat(killed.status()).as(killed.text()).isEqualTo(200);
        String killTrace = TraceParent.parse(killed.header(TraceParent.NAME).orElseThrow()).orElseThrow().traceId();
        assertThat(killTrace).isNotEqualTo(submitTrace.traceId());

        // the submission, then the kill's events (its status update and the Kill command queued for the pilot)
        List<CloudEvent> events = consume(jobId, 3);
        assertThat(JobEventCodec.traceOf(events.get(0))).get().extracting(TraceParent::traceId)
                .isEqualTo(submitTrace.traceId());
        assertThat(events.subList(1, events.size())).allSatisfy(event -> assertThat(JobEventCodec.traceOf(event)).get()
                .extracting(TraceParent::traceId).isEqualTo(killTrace));

        // reads answer in their caller's trace too
        Stack.Answer search = Stack.send("POST", "/api/jobs/search", token, Stack.JSON.writeValueAsBytes(Map.of()),
                Map.of("Content-Type", "application/json", TraceParent.NAME, submitTrace.toString()));
        assertThat(TraceParent.parse(search.header(TraceParent.NAME).orElseThrow())).get()
                .extracting(TraceParent::traceId).isEqualTo(submitTrace.traceId());
    }

    private static List<CloudEvent> consume(long jobId, int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName());
        List<CloudEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Stack.TOPIC));
            while (events.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(Long.toString(jobId))) {
                        events.add(record.value());
                    }
                }
            }
        }
        assertThat(events).as("events of job %d on the topic", jobId).hasSize(count);
        return events;
    }
}
