package org.jobstream.command.publishing;

import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The publisher never skips an event: an exception while publishing one (Axon's default would log
 * it and go on) fails the whole batch, which rolls back (the token stays before the event) and is
 * retried by the processor with a growing back-off until it succeeds.
 */
@Configuration
class PublisherConfig {

    @Bean
    ConfigurerModule publisherNeverSkips() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(KafkaEventPublisher.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance()));
    }

    /**
     * The publisher's one segment moves to another instance within seconds of its holder dying: the
     * holder renews its claim every {@code claim-extension} even when idle, and the token store
     * ({@code axon.eventhandling.tokenstore.claim-timeout}, a few times longer) gives up a claim that
     * was not renewed; the other instances look for unclaimed segments at the processor's {@code
     * token-claim-interval}. Axon's defaults (5 s, 10 s, 5 s) stopped publishing, and with it every
     * write (the projections' lag bound), for up to 15 s after a kill.
     */
    @Bean
    ConfigurerModule publisherMovesQuickly(@Value("${jobstream.publisher.claim-extension:1s}") Duration claimExtension) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(KafkaEventPublisher.PROCESSING_GROUP,
                        (config, builder) -> builder.claimExtensionThreshold(claimExtension.toMillis())));
    }
}
