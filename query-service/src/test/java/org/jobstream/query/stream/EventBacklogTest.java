package org.jobstream.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.jobstream.access.JobVisibility;
import org.jobstream.query.stream.EventBacklog.Entry;
import org.jobstream.query.stream.StreamedEvent.JobFacts;
import org.junit.jupiter.api.Test;

/** Positions, the backlog and the filters of the event stream: what resuming relies on. */
class EventBacklogTest {

    private static StreamedEvent event(int partition, long offset) {
        return new StreamedEvent(partition, offset, "{}", 100 + offset, "org.jobstream.job.heartbeat-received.v1",
                Optional.of("Running"), Optional.empty(), Optional.empty());
    }

    private static StreamPosition at(long... next) {
        return new StreamPosition(next);
    }

    @Test
    void aPositionIsWrittenAndReadAsOffsetsJoinedByDots() {
        assertThat(at(12, 0, 7).id()).isEqualTo("12.0.7");
        assertThat(StreamPosition.parse("12.0.7", 3)).contains(at(12, 0, 7));
    }

    @Test
    void anythingElseIsNotAPosition() {
        for (String bad : new String[] {"12.0", "12.0.7.1", "a.b.c", "-1.0.0", "1..2", "", "1.0.99999999999999999999"}) {
            assertThat(StreamPosition.parse(bad, 3)).as(bad).isEmpty();
        }
    }

    @Test
    void aPositionMovesPastARecordAndNeverBack() {
        StreamPosition position = at(5, 5);
        assertThat(position.after(0, 9)).isEqualTo(at(10, 5));
        assertThat(position.after(1, 2)).isEqualTo(at(5, 5));
        assertThat(at(1, 9).max(at(4, 2))).isEqualTo(at(4, 9));
        assertThat(position.ahead(0, 5)).isTrue();
        assertThat(position.ahead(0, 4)).isFalse();
    }

    @Test
    void aSubscriberIsSentExactlyTheRecordsAfterItsPositionInTheStreamsOrder() {
        EventBacklog backlog = new EventBacklog(100, at(0, 0));
        Entry a = backlog.append(event(0, 0), Optional.empty());
        Entry b = backlog.append(event(1, 0), Optional.empty());
        Entry c = backlog.append(event(0, 1), Optional.empty());
        Entry d = backlog.append(event(1, 1), Optional.empty());

        assertThat(backlog.head()).isEqualTo(at(2, 2));
        assertThat(b.after()).isEqualTo(at(1, 1));
        // a client whose last event was b has been through a and b
        assertThat(backlog.after(b.after())).contains(List.of(c, d));
        // a client that received only c (a and b filtered out) resumes after c, in both partitions
        assertThat(backlog.after(c.after())).contains(List.of(d));
        assertThat(backlog.after(at(0, 0))).contains(List.of(a, b, c, d));
        assertThat(backlog.after(backlog.head())).contains(List.of());
    }

    @Test
    void aPositionOlderThanTheBacklogIsNotServedFromIt() {
        EventBacklog backlog = new EventBacklog(2, at(0, 0));
        backlog.append(event(0, 0), Optional.empty());
        Entry b = backlog.append(event(1, 0), Optional.empty());
        Entry c = backlog.append(event(0, 1), Optional.empty());

        assertThat(backlog.size()).isEqualTo(2);
        assertThat(backlog.after(at(0, 0))).as("record 0 of partition 0 is gone").isEmpty();
        assertThat(backlog.after(at(1, 0))).contains(List.of(b, c));
    }

    @Test
    void aStreamStartedLaterDoesNotServeOlderPositions() {
        EventBacklog backlog = new EventBacklog(10, at(40, 7));
        assertThat(backlog.after(at(39, 7))).isEmpty();
        assertThat(backlog.after(at(40, 7))).contains(List.of());
    }

    @Test
    void aSubscriberSeesOnlyJobsItMaySeeAndWhatItAskedFor() {
        JobVisibility alice = new JobVisibility(Optional.of("alice"), Optional.of("lhcb"));
        StreamedEvent running = event(0, 1);
        JobFacts hers = new JobFacts("alice", "lhcb", "g1");
        JobFacts bobs = new JobFacts("bob", "lhcb", "g1");

        assertThat(new StreamFilter(alice, java.util.Set.of(), java.util.Set.of(), java.util.Set.of()).matches(running, hers)).isTrue();
        assertThat(new StreamFilter(alice, java.util.Set.of(), java.util.Set.of(), java.util.Set.of()).matches(running, bobs)).isFalse();
        assertThat(new StreamFilter(alice, java.util.Set.of(101L), java.util.Set.of(), java.util.Set.of()).mayMatch(running)).isTrue();
        assertThat(new StreamFilter(alice, java.util.Set.of(7L), java.util.Set.of(), java.util.Set.of()).mayMatch(running)).isFalse();
        assertThat(new StreamFilter(alice, java.util.Set.of(), java.util.Set.of("Done"), java.util.Set.of()).mayMatch(running)).isFalse();
        assertThat(new StreamFilter(alice, java.util.Set.of(), java.util.Set.of(), java.util.Set.of("g2")).matches(running, hers)).isFalse();
        JobVisibility admin = new JobVisibility(Optional.empty(), Optional.empty());
        assertThat(new StreamFilter(admin, java.util.Set.of(), java.util.Set.of(), java.util.Set.of()).needsFacts()).isFalse();
    }
}
