package org.jobstream.projections.consumer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * How far the projections are behind the job events topic, as two gauges:
 * <ul>
 *   <li>{@value #EVENTS}: over every partition of the topic, its end offset minus the next offset
 *       the read model stores (what every projections instance together has yet to apply);</li>
 *   <li>{@value #SECONDS}: while that is above zero, how long ago the newest event this instance
 *       applied happened (its CloudEvent {@code time}); 0 when caught up. Until this instance has
 *       applied a batch (just after a start), the time of the read model's last committed batch
 *       stands in: the events it held happened before, so the value is a lower bound.</li>
 * </ul>
 * The end offsets are read every few seconds; both gauges are NaN while they cannot be read.
 */
@Component
public class ProjectionLag implements InitializingBean, DisposableBean {

    static final String EVENTS = "jobstream.projection.lag.events";
    static final String SECONDS = "jobstream.projection.lag.seconds";

    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);

    private final KafkaAdmin kafkaAdmin;
    private final ProjectionOffsets offsets;
    private final String topic;
    private final Duration interval;
    private final AtomicReference<Instant> newestApplied = new AtomicReference<>();
    private volatile Instant lastCommitted;
    private volatile double events = Double.NaN;
    private Admin admin;
    private ScheduledExecutorService scheduler;

    public ProjectionLag(KafkaAdmin kafkaAdmin, ProjectionOffsets offsets, MeterRegistry registry,
                         @Value("${jobstream.kafka.job-events-topic}") String topic,
                         @Value("${jobstream.lag.interval}") Duration interval) {
        this.kafkaAdmin = kafkaAdmin;
        this.offsets = offsets;
        this.topic = topic;
        this.interval = interval;
        Gauge.builder(EVENTS, this, lag -> lag.events)
                .description("Events on the job events topic that the projections have not applied yet")
                .register(registry);
        Gauge.builder(SECONDS, this, ProjectionLag::seconds)
                .description("While behind: age of the newest job event this instance applied")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Notes that events up to {@code time} are applied (committed). */
    public void applied(Instant time) {
        if (time != null) {
            newestApplied.accumulateAndGet(time, (a, b) -> a == null || b.isAfter(a) ? b : a);
        }
    }

    @Override
    public void afterPropertiesSet() {
        admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-lag");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }

    double seconds() {
        double behind = events;
        if (Double.isNaN(behind)) {
            return Double.NaN;
        }
        if (behind <= 0) {
            return 0;
        }
        Instant newest = newestApplied.get() != null ? newestApplied.get() : lastCommitted;
        return newest == null ? Double.NaN : Math.max(0, Duration.between(newest, Instant.now()).toMillis() / 1000.0);
    }

    void refresh() {
        try {
            if (newestApplied.get() == null) {
                lastCommitted = offsets.lastUpdate(topic).orElse(null);
            }
            events = behindNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            events = Double.NaN;
            log.debug("Cannot measure the projection lag: {}", e.toString());
        }
    }

    /**
     * Measures now how many events of the topic the read model has yet to apply (the value of
     * {@value #EVENTS}).
     */
    public long behindNow() throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<Integer, Long> stored = offsets.nextOffsets(topic);
        long behind = 0;
        for (TopicPartition partition : partitions) {
            long next = Math.max(stored.getOrDefault(partition.partition(), 0L), starts.get(partition));
            behind += Math.max(0, ends.get(partition) - next);
        }
        return behind;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> spec))).all().get(10, TimeUnit.SECONDS);
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
