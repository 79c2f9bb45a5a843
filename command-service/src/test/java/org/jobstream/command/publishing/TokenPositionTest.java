package org.jobstream.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

/** An event's position told from its token and the previous one, as the publisher does it. */
class TokenPositionTest {

    @Test
    void anEventThatMovesTheTokenForwardIsAtItsNewIndex() {
        TokenPosition before = TokenPosition.of(GapAwareTrackingToken.newInstance(10, List.of()));
        TokenPosition after = TokenPosition.of(GapAwareTrackingToken.newInstance(14, List.of(11L, 12L, 13L)));
        assertThat(after.positionAfter(before)).isEqualTo(OptionalLong.of(14));
    }

    @Test
    void anEventThatCommittedLateIsTheGapItFilled() {
        TokenPosition before = TokenPosition.of(GapAwareTrackingToken.newInstance(14, List.of(11L, 12L, 13L)));
        TokenPosition after = TokenPosition.of(GapAwareTrackingToken.newInstance(14, List.of(11L, 13L)));
        assertThat(after.positionAfter(before)).isEqualTo(OptionalLong.of(12));
    }

    @Test
    void tokensThatAreNotConsecutiveTellNothing() {
        TokenPosition before = TokenPosition.of(GapAwareTrackingToken.newInstance(14, List.of(11L, 12L, 13L)));
        assertThat(TokenPosition.of(GapAwareTrackingToken.newInstance(14, List.of(13L))).positionAfter(before)).isEmpty();
        assertThat(TokenPosition.of(GapAwareTrackingToken.newInstance(12, List.of(11L))).positionAfter(before)).isEmpty();
        assertThat(TokenPosition.of(GapAwareTrackingToken.newInstance(14, List.of(11L, 12L, 13L))).positionAfter(before))
                .isEmpty();
    }
}
