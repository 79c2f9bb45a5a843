package org.jobstream.command.publishing;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Where a tracking token of the event store stands: the highest position it has seen and the
 * positions below that it has not (its gaps).
 */
record TokenPosition(long index, List<Long> gaps) {

    /**
     * The position of the event that took a token from {@code before} to this: this index when it
     * moved forward, otherwise the one gap it filled; empty when that is not one gap (gaps given
     * up in between) or the tokens are not consecutive.
     */
    OptionalLong positionAfter(TokenPosition before) {
        if (index > before.index) {
            return OptionalLong.of(index);
        }
        if (index < before.index || gaps.size() != before.gaps.size() - 1) {
            return OptionalLong.empty();
        }
        Set<Long> remaining = new HashSet<>(gaps);
        List<Long> filled = before.gaps.stream().filter(gap -> !remaining.contains(gap)).toList();
        return filled.size() == 1 ? OptionalLong.of(filled.get(0)) : OptionalLong.empty();
    }

    static TokenPosition of(TrackingToken token) {
        TrackingToken inner = WrappedToken.unwrapUpperBound(token);
        if (inner instanceof GapAwareTrackingToken gapAware) {
            return new TokenPosition(gapAware.getIndex(), List.copyOf(gapAware.getGaps()));
        }
        return new TokenPosition(inner.position().orElse(0L), List.of());
    }
}
