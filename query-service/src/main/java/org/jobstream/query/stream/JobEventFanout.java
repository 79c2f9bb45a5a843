package org.jobstream.query.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jobstream.errors.Unavailable;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.query.stream.EventBacklog.Entry;
import org.jobstream.query.stream.StreamedEvent.JobFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The job events topic, read once per instance of the query service and fanned out to every
 * subscriber of {@code GET /api/jobs/events}: one Kafka consumer (every partition assigned, no
 * consumer group, nothing committed) however many clients listen. The newest records stay in a
 * backlog, from which a client that reconnects is sent what it missed; a client that was away
 * longer first reads from Kafka with a consumer of its own, until it reaches the backlog.
 */
@Component
class JobEventFanout implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobEventFanout.class);

    private final StreamSettings settings;
    private final JobDirectory jobs;
    private final ObjectMapper mapper = JobEventCodec.defaultMapper();
    private final List<Subscription> subscribers = new ArrayList<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService senders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "event-stream-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private EventBacklog backlog;
    private int partitions;
    private Thread reader;

    JobEventFanout(StreamSettings settings, JobDirectory jobs) {
        this.settings = settings;
        this.jobs = jobs;
    }

    /**
     * Subscribes a client: from {@code from} (the id of the last event it received) or, without
     * one, from now. Its events go to {@code emitter} from a thread of its own.
     */
    void subscribe(SseEmitter emitter, StreamFilter filter, Optional<StreamPosition> from) {
        StreamPosition start;
        synchronized (this) {
            if (backlog == null) {
                throw new Unavailable("The event stream is starting; retry shortly");
            }
            start = from.orElse(backlog.head());
        }
        Subscription subscription = new Subscription(emitter, filter, jobs, settings.subscriberLimit(), start);
        try {
            // Sent before the request's thread hands the answer over: the headers go out on that
            // thread, and the subscription's thread never races it for them.
            subscription.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        senders.execute(() -> {
            try {
                catchUp(subscription);
                subscription.run(settings.heartbeat());
            } catch (IOException | RuntimeException e) {
                log.debug("Event stream subscriber ended: {}", e.toString());
                subscription.close();
            }
        });
    }

    /** The number of partitions, which every stream position has; 0 until the topic is known. */
    synchronized int partitions() {
        return partitions;
    }

    synchronized int subscriberCount() {
        return subscribers.size();
    }

    /**
     * Brings the subscription to the backlog: at once when the backlog still has every record after
     * its position, otherwise by reading Kafka from there with a consumer of its own first.
     */
    private void catchUp(Subscription subscription) throws IOException {
        if (register(subscription)) {
            return;
        }
        log.info("Event stream subscriber at {} is behind the backlog: reading Kafka from there", subscription.position());
        try (KafkaConsumer<String, byte[]> own = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> assigned = assignAll(own);
            Map<Integer, Long> gaps = new HashMap<>();
            Map<TopicPartition, Long> oldest = own.beginningOffsets(assigned);
            for (TopicPartition partition : assigned) {
                long wanted = subscription.position().next(partition.partition());
                long kept = oldest.getOrDefault(partition, 0L);
                own.seek(partition, Math.max(wanted, kept));
                if (kept > wanted) {
                    gaps.put(partition.partition(), kept);
                }
            }
            if (!gaps.isEmpty()) {
                subscription.sendGap(gaps);
                gaps.forEach(subscription::skipTo);
            }
            while (!subscription.closed() && running) {
                for (ConsumerRecord<String, byte[]> record : own.poll(Duration.ofMillis(500))) {
                    Optional<StreamedEvent> event = StreamedEvent.read(mapper, record.partition(), record.offset(), record.value());
                    if (event.isPresent()) {
                        subscription.sendCaughtUp(event.get());
                    }
                }
                if (register(subscription)) {
                    return;
                }
            }
        }
    }

    /** Registers the subscription with what it missed from the backlog, if the backlog has all of it. */
    private synchronized boolean register(Subscription subscription) {
        Optional<List<Entry>> missed = backlog.after(subscription.position());
        if (missed.isEmpty()) {
            return false;
        }
        subscription.replay(missed.get());
        subscribers.add(subscription);
        return true;
    }

    @Override
    public void start() {
        running = true;
        reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        synchronized (this) {
            subscribers.forEach(Subscription::close);
            subscribers.clear();
        }
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void read() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties())) {
                consumer = kafka;
                List<TopicPartition> assigned = assignAll(kafka);
                kafka.seekToEnd(assigned);
                long[] start = new long[assigned.size()];
                for (TopicPartition partition : assigned) {
                    start[partition.partition()] = kafka.position(partition);
                }
                synchronized (this) {
                    partitions = assigned.size();
                    backlog = new EventBacklog(settings.backlog(), new StreamPosition(start));
                }
                log.info("Event stream: reading {} ({} partitions) from {}, backlog of {} records",
                        settings.topic(), assigned.size(), new StreamPosition(start), settings.backlog());
                while (running) {
                    List<StreamedEvent> batch = new ArrayList<>();
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
                        StreamedEvent.read(mapper, record.partition(), record.offset(), record.value()).ifPresent(batch::add);
                    }
                    if (!batch.isEmpty()) {
                        fanOut(batch);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Event stream reader failed ({}); starting again in 2 s", e.toString());
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    /**
     * Hands a batch of records to every subscriber. The jobs' owners are looked up once for the batch
     * (one query for the jobs not known yet), so that each subscriber is handed only the records it
     * may see: with hundreds of subscribers, a record wakes the threads of the few that send it, not
     * every one of them to look the job up and find it is not theirs.
     */
    private void fanOut(List<StreamedEvent> batch) {
        batch.forEach(jobs::learn);
        Map<Long, JobFacts> facts = subscriberCount() == 0 ? Map.of() : lookUp(batch);
        synchronized (this) {
            for (StreamedEvent event : batch) {
                Entry entry = backlog.append(event, Optional.ofNullable(facts.get(event.jobId())));
                subscribers.removeIf(subscription -> !subscription.offer(entry));
            }
        }
    }

    /** The batch's jobs; when the event store cannot answer, none (each subscriber then looks up its own). */
    private Map<Long, JobFacts> lookUp(List<StreamedEvent> batch) {
        try {
            return jobs.resolve(batch.stream().map(StreamedEvent::jobId).collect(Collectors.toSet()));
        } catch (RuntimeException e) {
            log.warn("Event stream: cannot look the batch's jobs up ({}); subscribers look them up one by one", e.toString());
            return Map.of();
        }
    }

    /** Every partition of the topic, assigned; waits for the topic to exist. */
    private List<TopicPartition> assignAll(KafkaConsumer<String, byte[]> kafka) {
        while (true) {
            List<PartitionInfo> infos = kafka.partitionsFor(settings.topic(), Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> assigned = infos.stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                        .toList();
                kafka.assign(assigned);
                return assigned;
            }
            log.info("Event stream: waiting for topic {}", settings.topic());
            sleep(Duration.ofSeconds(2));
        }
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024 + 1024);
        return properties;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
