package org.jobstream.command.publishing;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The event store as the publisher's source, with one addition: its streams tell their reader
 * when new events are committed, here or by another instance ({@link CommitSignal}). Axon's streaming processor then reads at
 * once instead of looking again every 500 ms, which was most of the time from an acknowledged
 * command to its event on Kafka.
 */
@Component(WakingEventSource.BEAN)
class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    static final String BEAN = "wakingEventSource";

    private final EventStore store;
    private final CommitSignal signal;

    WakingEventSource(EventStore store, CommitSignal signal) {
        this.store = store;
        this.signal = signal;
        // Events appended by this instance: signal once their unit of work has committed.
        store.subscribe(events -> CurrentUnitOfWork.ifStarted(unitOfWork ->
                unitOfWork.root().afterCommit(committed -> signal.committedHere())));
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new WakingStream(store.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        WakingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            forgetCallback();
            this.callback = callback;
            signal.listen(callback);
            return true;
        }

        @Override
        public void close() {
            forgetCallback();
            delegate.close();
        }

        private void forgetCallback() {
            Runnable previous = callback;
            if (previous != null) {
                signal.forget(previous);
            }
        }
    }
}
