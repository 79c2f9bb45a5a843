package org.jobstream.command.publishing;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Where a tracking token of the event store stands: the highest position it has seen and the
 * positions below that it has not (its gaps).
 */
record TokenPosition(long index, List<Long> gaps) {

    static TokenPosition of(TrackingToken token) {
        TrackingToken inner = WrappedToken.unwrapUpperBound(token);
        if (inner instanceof GapAwareTrackingToken gapAware) {
            return new TokenPosition(gapAware.getIndex(), List.copyOf(gapAware.getGaps()));
        }
        return new TokenPosition(inner.position().orElse(0L), List.of());
    }
}
