package org.jobstream.command.config;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.jobstream.command.job.Job;
import org.jobstream.command.store.AppendMetrics;
import org.jobstream.command.store.CommandSpans;
import org.jobstream.tracing.TraceParent;
import org.jobstream.web.TraceContextFilter;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Commands run on a pool of threads, so that the jobs of one request (a status update of 100
 * jobs, say) are handled side by side rather than one after the other; a request that waits for
 * its commands still gets their results. Loaded jobs stay in a cache, so a job that is updated
 * often is not replayed from its events each time; a failed command (a lost race with another
 * instance) drops only the jobs it loaded (Axon's caching repository does so on rollback), and its
 * retry reads them from the event store.
 */
@Configuration
class CommandBusConfig {

    @Bean(destroyMethod = "shutdown")
    ExecutorService commandExecutor(@Value("${jobstream.commands.threads:8}") int threads) {
        AtomicInteger number = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "command-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Bean
    CommandBus commandBus(ExecutorService commandExecutor, TransactionManager transactionManager,
                          ObjectProvider<CorrelationDataProvider> correlationDataProviders,
                          AppendMetrics appendMetrics, CommandSpans commandSpans) {
        AsynchronousCommandBus bus = AsynchronousCommandBus.builder()
                .executor(commandExecutor)
                .transactionManager(transactionManager)
                .build();
        bus.registerDispatchInterceptor(CommandBusConfig::withRequestTrace);
        bus.registerHandlerInterceptor(commandSpans.commandSpan());
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(correlationDataProviders.orderedStream().toList()));
        bus.registerHandlerInterceptor(appendMetrics.commandTimer());
        return bus;
    }

    /**
     * The trace of the request that sends the commands ({@code traceparent} in their metadata), which
     * the correlation provider below copies into every event they cause.
     */
    private static BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> withRequestTrace(
            List<? extends CommandMessage<?>> messages) {
        Optional<TraceParent> trace = TraceContextFilter.current();
        return (index, message) -> trace.isEmpty() || message.getMetaData().containsKey(TraceParent.NAME) ? message
                : message.andMetaData(Map.of(TraceParent.NAME, trace.get().toString()));
    }

    /**
     * What a command's events inherit from its metadata: its request's trace, and nothing else (Axon's
     * default, the command's id twice as {@code correlationId} and {@code traceId}, is not read by
     * anything and took about 100 bytes of every stored event).
     */
    @Bean
    CorrelationDataProvider traceCorrelation() {
        return new SimpleCorrelationDataProvider(TraceParent.NAME);
    }

    /**
     * Recognises a duplicate (aggregate, sequence number) in the event store from PostgreSQL's SQL
     * state (23xxx), so that a lost race becomes Axon's {@code ConcurrencyException}, which the
     * gateway retries on fresh state. (The JDBC engine's default resolver does not know
     * PostgreSQL's batch errors, and the loser would simply fail.)
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver();
    }

    /**
     * The aggregate cache of the Job repository (see {@code @Aggregate(cache = "jobCache")}): at most
     * {@code cached-jobs} jobs of at most {@code cache-size} together.
     */
    @Bean
    BoundedCache jobCache(@Value("${jobstream.commands.cached-jobs:20000}") int cachedJobs,
                   @Value("${jobstream.commands.cache-size:64MB}") DataSize cacheSize) {
        return new BoundedCache(cachedJobs, cacheSize.toBytes(), CommandBusConfig::weigh);
    }

    /** What a job in the cache weighs when its size cannot be read: a job with a JDL of a few kilobytes. */
    static final long DEFAULT_WEIGHT = 8 * 1024;
    private static final Field AGGREGATE_ROOT = aggregateRootField();

    /** A cached job's estimated size in memory (mostly its JDL and sandbox lists). */
    static long weigh(Object entry) {
        try {
            if (AGGREGATE_ROOT != null && entry instanceof AggregateCacheEntry<?>
                    && AGGREGATE_ROOT.get(entry) instanceof Job job) {
                return job.approximateBytes();
            }
        } catch (IllegalAccessException e) {
            // the default weight then
        }
        return DEFAULT_WEIGHT;
    }

    /** Axon keeps the cached aggregate in a private field of its cache entry; without it, jobs get the default weight. */
    private static Field aggregateRootField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("aggregateRoot");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            LoggerFactory.getLogger(CommandBusConfig.class).warn(
                    "Cannot weigh cached jobs ({}): each counts as {} bytes", e.toString(), DEFAULT_WEIGHT);
            return null;
        }
    }
}
