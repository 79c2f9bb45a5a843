package org.jobstream.projections.consumer;

import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks a record the projections cannot read on the dead-letter topic, with the reason and its
 * origin in headers, so that one poison event never stops the others.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final DeadLetterLog deadLetters;
    private final JobEventCodec codec = new JobEventCodec();
    private final ProjectionMetrics metrics;
    private final String topic;

    DeadLetters(KafkaTemplate<String, byte[]> kafka, DeadLetterLog deadLetters, ProjectionMetrics metrics,
                @Value("${jobstream.kafka.dead-letter-topic}") String topic) {
        this.kafka = kafka;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.topic = topic;
    }

    /**
     * Parks a record: in the read model's {@code dead_letters} (in the current transaction, if any),
     * where it stays reported until replayed, and on the dead-letter topic for other consumers.
     */
    void park(ConsumerRecord<String, CloudEvent> record, Exception reason) {
        log.error("Parking record {}-{}@{} (key {}) on {}: {}", record.topic(), record.partition(),
                record.offset(), record.key(), topic, reason.getMessage());
        RecordedJobEvent event = readable(record);
        deadLetters.parked(record.topic(), record.partition(), record.offset(), jobId(record),
                record.value() == null ? null : record.value().getId(),
                event == null ? null : event.position(),
                record.value() == null ? null : record.value().getType(),
                String.valueOf(reason.getMessage()));
        byte[] original = record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) == null
                ? new io.cloudevents.jackson.JsonFormat().serialize(record.value())
                : new byte[0];
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(topic, record.key(), original);
        parked.headers()
                .add("jobstream-reason", String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8))
                .add("jobstream-origin", (record.topic() + "-" + record.partition() + "@" + record.offset())
                        .getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(parked).get(30, TimeUnit.SECONDS);
            metrics.parked();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while parking a record", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot park a record on " + topic, e);
        }
    }

    private RecordedJobEvent readable(ConsumerRecord<String, CloudEvent> record) {
        try {
            return record.value() == null ? null : codec.decode(record.value());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Long jobId(ConsumerRecord<String, CloudEvent> record) {
        try {
            return record.key() == null ? null : Long.valueOf(record.key());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
