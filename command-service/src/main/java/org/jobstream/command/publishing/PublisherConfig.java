package org.jobstream.command.publishing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
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
}
