package org.jobstream.command.config;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.jobstream.command.job.Refusals;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command gateway retries a command that lost an optimistic-locking race: two updates to one
 * job at once (from two threads, or two instances of this service) both append at the same
 * sequence number, the event store's unique key refuses one, and that one is retried on the
 * fresh state, so neither update is lost.
 */
@Configuration
class CommandGatewayConfig {

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(2);
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor,
                                  @Value("${jobstream.commands.max-retries:20}") int maxRetries,
                                  @Value("${jobstream.commands.retry-interval-ms:10}") int retryIntervalMillis) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(commandRetryExecutor)
                        .maxRetryCount(maxRetries)
                        .retryInterval(retryIntervalMillis)
                        .nonTransientFailurePredicate(Refusals::isRefusal)
                        .build())
                .build();
    }
}
