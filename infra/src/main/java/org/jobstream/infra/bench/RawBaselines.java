package org.jobstream.infra.bench;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.infra.bench.report.BenchReport.Latency;
import org.jobstream.store.EventTableRows;

/**
 * The same work as Jobstream's, done straight on its components, in the same run: what the
 * infrastructure itself can do on this machine, against which Jobstream's figures are read.
 */
final class RawBaselines {

    /** A rate, and the latency of each unit of work (a batch, a send) when measured. */
    record Rate(double perSecond, Latency latency) {
    }

    private final PrintStream progress;
    private final GeneratedJobs jobs = new GeneratedJobs(50);

    RawBaselines(PrintStream progress) {
        this.progress = progress;
    }

    /**
     * Batched INSERTs of {@code JobSubmitted} rows (1,000 a transaction) into a temporary table
     * with the event store table's columns and indexes: the event append's limit.
     */
    Rate append(Connection db, int rows) throws SQLException {
        int batch = 1000;
        db.setAutoCommit(true);
        EventTableRows.createScratchCopy(db);
        db.setAutoCommit(false);
        long[] batchNanos = new long[(rows + batch - 1) / batch];
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long start = System.nanoTime();
        try (PreparedStatement insert = EventTableRows.scratchAppender(db)) {
            for (int b = 0; b < batchNanos.length; b++) {
                long begin = System.nanoTime();
                for (int i = b * batch; i < Math.min(rows, (b + 1) * batch); i++) {
                    EventTableRows.bind(insert, jobs.row((long) i + 1, i + 1, now));
                    insert.addBatch();
                }
                insert.executeBatch();
                db.commit();
                batchNanos[b] = System.nanoTime() - begin;
            }
        } finally {
            db.setAutoCommit(true);
            EventTableRows.dropScratchCopy(db);
        }
        double rate = rows / ((System.nanoTime() - start) / 1e9);
        progress.printf("  raw batched INSERT: %d rows, %.0f rows/s%n", rows, rate);
        return new Rate(rate, LoadRun.percentiles(batchNanos));
    }

    /**
     * Sends {@code records} job events, encoded as the publisher encodes them, to a scratch topic
     * with the publisher's producer settings (acks=all, idempotent, linger 5 ms), and waits for
     * every acknowledgement: Kafka's own rate for this work.
     */
    Rate produce(String bootstrap, int records) throws Exception {
        String topic = "jobstream.bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin kafka = Admin.create(admin)) {
            kafka.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return produce(bootstrap, topic, records);
            } finally {
                kafka.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private Rate produce(String bootstrap, String topic, int records) throws Exception {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        settings.put("cloudevents.serializer.encoding", "STRUCTURED");
        settings.put("cloudevents.serializer.event_format", "application/cloudevents+json");
        JobEventCodec codec = new JobEventCodec();
        Instant now = Instant.now();
        long[] sendNanos = new long[records];
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(settings)) {
            List<CompletableFuture<Void>> acks = new ArrayList<>(records);
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                int index = i;
                long jobId = i + 1L;
                CloudEvent event = codec.encode(new RecordedJobEvent(UUID.randomUUID().toString(),
                        jobs.job(jobId, now), 0, jobId, now));
                CompletableFuture<Void> ack = new CompletableFuture<>();
                long begin = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, Long.toString(jobId), event), (metadata, error) -> {
                    sendNanos[index] = System.nanoTime() - begin;
                    if (error == null) {
                        ack.complete(null);
                    } else {
                        ack.completeExceptionally(error);
                    }
                });
                acks.add(ack);
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            double rate = records / ((System.nanoTime() - start) / 1e9);
            progress.printf("  raw Kafka produce: %d records, %.0f records/s%n", records, rate);
            return new Rate(rate, LoadRun.percentiles(sendNanos));
        }
    }
}
