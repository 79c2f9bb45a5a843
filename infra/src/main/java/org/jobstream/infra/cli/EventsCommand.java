package org.jobstream.infra.cli;

import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jobstream.infra.local.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Follows the job events topic as a member of a consumer group and prints each CloudEvent as one
 * JSON line: the smallest downstream consumer, and an example of how to subscribe.
 */
@Command(name = "events", description = "Follow the job events topic; one CloudEvent (JSON) per line")
class EventsCommand implements Callable<Integer> {

    @Option(names = "--job", description = "only the events of this job ID")
    Long job;

    @Option(names = "--from-beginning", description = "start from the oldest event instead of new ones")
    boolean fromBeginning;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: the local stack's)")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "jobstream.job-events")
    String topic;

    @Option(names = "--group", description = "consumer group (default: a new one, so every event is seen)")
    String group;

    @Option(names = "--max-events", description = "stop after this many events (default: follow forever)")
    Long maxEvents;

    @Option(names = "--idle-timeout", description = "stop after this long without events, ISO-8601 (default: never)")
    Duration idleTimeout;

    @Override
    public Integer call() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap != null ? bootstrap
                : LocalStack.of(Path.of("")).kafka());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group != null ? group : "jobstream-events-cli-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName());
        JsonFormat json = new JsonFormat();
        long printed = 0;
        long idleSince = System.nanoTime();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup));
            consumer.subscribe(List.of(topic));
            while (maxEvents == null || printed < maxEvents) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty() && idleTimeout != null
                        && System.nanoTime() - idleSince > idleTimeout.toNanos()) {
                    break;
                }
                for (ConsumerRecord<String, CloudEvent> record : records) {
                    idleSince = System.nanoTime();
                    if (job != null && !Long.toString(job).equals(record.key())) {
                        continue;
                    }
                    System.out.println(new String(json.serialize(record.value()), StandardCharsets.UTF_8));
                    printed++;
                    if (maxEvents != null && printed >= maxEvents) {
                        break;
                    }
                }
                System.out.flush();
            }
        } catch (WakeupException e) {
            // Ctrl-C: leave the group cleanly.
        }
        return 0;
    }
}
