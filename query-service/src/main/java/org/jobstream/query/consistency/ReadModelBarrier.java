package org.jobstream.query.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.jobstream.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for the query side. Before a read, it waits until the read models include
 * every event the event store held when the read arrived (or, given a client's position token,
 * every event up to that position):
 * <ol>
 *   <li>the Kafka publisher of the command side has published up to that position (its token in
 *       the event store, with no gap below it that is a committed event);</li>
 *   <li>the projections have consumed every partition of the job events topic up to the end
 *       offsets that Kafka reports after that (their offsets in the read model).</li>
 * </ol>
 * When that takes longer than the bound, the read fails with {@code 503} and {@code Retry-After},
 * never with a stale answer.
 */
@Component
public class ReadModelBarrier {

    private static final Logger log = LoggerFactory.getLogger(ReadModelBarrier.class);

    private final JdbcClient jdbc;
    private final Admin kafka;
    private final ObjectMapper mapper;
    private final String topic;
    private final String publisher;
    private final Duration maxWait;

    ReadModelBarrier(JdbcClient jdbc, Admin kafka, ObjectMapper mapper,
                     @Value("${jobstream.kafka.job-events-topic}") String topic,
                     @Value("${jobstream.consistency.publisher-processor}") String publisher,
                     @Value("${jobstream.consistency.max-wait}") Duration maxWait) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.mapper = mapper;
        this.topic = topic;
        this.publisher = publisher;
        this.maxWait = maxWait;
    }

    /**
     * Waits until the read models include every event up to {@code position}, or up to the event
     * store's current head when no position is given.
     *
     * @throws ApiException 503 when they do not within the bound
     */
    public void await(Optional<Long> position) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long target = position.orElseGet(this::head);
        if (target <= 0) {
            return;
        }
        waitUntil(() -> published(target), deadline, "the publisher reaching position " + target);
        Map<Integer, Long> ends = endOffsets();
        waitUntil(() -> projected(ends), deadline, "the projections reaching " + ends);
    }

    private long head() {
        return jdbc.sql("SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry").query(Long.class).single();
    }

    private boolean published(long target) {
        List<byte[]> tokens = jdbc.sql("SELECT token FROM tokenentry WHERE processorname = :name")
                .param("name", publisher)
                .query((rs, n) -> rs.getBytes(1))
                .list();
        if (tokens.isEmpty()) {
            return false;
        }
        List<Long> gapsBelowTarget = new ArrayList<>();
        for (byte[] token : tokens) {
            Optional<JsonNode> position = trackingPosition(token);
            if (position.isEmpty() || position.get().path("index").asLong(-1) < target) {
                return false;
            }
            position.get().path("gaps").forEach(gap -> {
                if (gap.asLong() <= target) {
                    gapsBelowTarget.add(gap.asLong());
                }
            });
        }
        // A gap is an event the publisher has not seen: fine when it was rolled back or is still
        // uncommitted (not acknowledged to anyone), not when it has been committed since.
        return gapsBelowTarget.isEmpty() || jdbc.sql(
                        "SELECT COUNT(*) FROM domainevententry WHERE globalindex IN (:gaps)")
                .param("gaps", gapsBelowTarget)
                .query(Long.class).single() == 0;
    }

    /** The gap-aware token inside a processor's stored token (unwrapping a replay token). */
    private Optional<JsonNode> trackingPosition(byte[] token) {
        if (token == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = mapper.readTree(token);
            while (node != null && !node.has("index")) {
                node = node.has("currentToken") ? node.get("currentToken") : null;
            }
            return Optional.ofNullable(node);
        } catch (IOException e) {
            log.warn("Cannot read the token of processor {}: {}", publisher, e.getMessage());
            return Optional.empty();
        }
    }

    private Map<Integer, Long> endOffsets() {
        try {
            List<TopicPartition> partitions = kafka.describeTopics(List.of(topic)).allTopicNames()
                    .get(5, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, ListOffsetsResultInfo> offsets = kafka.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(5, TimeUnit.SECONDS);
            return offsets.entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while reading the job events topic");
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("Kafka did not answer: " + e.getMessage());
        }
    }

    private boolean projected(Map<Integer, Long> ends) {
        Map<Integer, Long> projected = jdbc.sql(
                        "SELECT partition, next_offset FROM projection_offsets WHERE topic = :topic")
                .param("topic", topic)
                .query((rs, n) -> Map.entry(rs.getInt(1), rs.getLong(2)))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return ends.entrySet().stream()
                .allMatch(end -> end.getValue() == 0 || projected.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    private void waitUntil(BooleanSupplier condition, long deadline, String what) {
        long pauseMillis = 2;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                log.warn("Read models not caught up after {}: waiting for {}", maxWait, what);
                throw unavailable("The read models have not caught up with the latest changes yet; retry shortly");
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted");
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
        }
    }

    private static ApiException unavailable(String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, detail);
    }
}
