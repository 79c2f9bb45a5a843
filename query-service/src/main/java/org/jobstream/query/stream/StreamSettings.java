package org.jobstream.query.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event stream's settings ({@code jobstream.stream.*}).
 *
 * @param bootstrapServers Kafka ({@code spring.kafka.bootstrap-servers} by default)
 * @param topic            the job events topic
 * @param backlog          records kept for clients that reconnect
 * @param subscriberLimit  events a client may fall behind before it is closed (it may resume)
 * @param heartbeat        the longest silence before a keep-alive comment, so proxies keep the stream open
 * @param maxDuration      how long one stream lasts before the server closes it (clients reconnect)
 */
@ConfigurationProperties("jobstream.stream")
record StreamSettings(@DefaultValue("127.0.0.1:19092") String bootstrapServers,
                      @DefaultValue("jobstream.job-events") String topic,
                      @DefaultValue("20000") int backlog,
                      @DefaultValue("5000") int subscriberLimit,
                      @DefaultValue("15s") Duration heartbeat,
                      @DefaultValue("30m") Duration maxDuration) {
}
