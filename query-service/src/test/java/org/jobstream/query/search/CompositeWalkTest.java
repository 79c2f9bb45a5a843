package org.jobstream.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jobstream.query.search.CompositeWalk.Bucket;
import org.jobstream.query.search.CompositeWalk.BucketPage;
import org.jobstream.query.search.CompositeWalk.Group;
import org.junit.jupiter.api.Test;

/** Every group of a composite aggregation, page after page, as summaries and distinct rows show them. */
class CompositeWalkTest {

    @Test
    void bucketsBecomeGroupsOfTheSelectedNamesWithNullForMissingValues() {
        Selection selection = Selection.grouping(List.of("Status", "HostName", "SubmissionTime"));
        Map<String, FieldValue> key = new HashMap<>();
        key.put("f0", FieldValue.of("Running"));
        key.put("f1", FieldValue.NULL);
        key.put("f2", FieldValue.of(1_748_156_615_000L));

        List<Group> groups = CompositeWalk.groups(selection, after -> new BucketPage(List.of(new Bucket(key, 4)), null));

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).values()).containsExactly(entry("Status", "Running"), entry("HostName", null),
                entry("SubmissionTime", "2025-05-25T07:03:35Z"));
        assertThat(groups.get(0).count()).isEqualTo(4);
    }

    @Test
    void fullPagesAreFollowedByTheNextUntilAShortOne() {
        Selection selection = Selection.grouping(List.of("JobID"));
        List<Map<String, FieldValue>> afters = new ArrayList<>();

        List<Group> groups = CompositeWalk.groups(selection, after -> {
            afters.add(after);
            int from = after == null ? 0 : (int) after.get("f0").longValue() + 1;
            int size = from < 2 * CompositeWalk.PAGE ? CompositeWalk.PAGE : 10;
            List<Bucket> buckets = IntStream.range(from, from + size)
                    .mapToObj(i -> new Bucket(Map.of("f0", FieldValue.of(i)), 1)).toList();
            return new BucketPage(buckets, Map.of("f0", FieldValue.of(from + size - 1)));
        });

        assertThat(groups).hasSize(2 * CompositeWalk.PAGE + 10);
        assertThat(afters).hasSize(3);
        assertThat(afters.get(0)).isNull();
        assertThat(afters.get(2).get("f0").longValue()).isEqualTo(2L * CompositeWalk.PAGE - 1);
    }

    @Test
    void atMostAHundredThousandGroupsOfUpToEveryAttribute() {
        assertThat(CompositeWalk.maxGroups(1)).isEqualTo(100_000);
        assertThat(CompositeWalk.maxGroups(21)).isEqualTo(100_000);
        assertThat(CompositeWalk.maxGroups(100)).isEqualTo(21_000);
    }

    @Test
    void moreGroupsThanAllowedIs400() {
        Selection selection = Selection.grouping(IntStream.range(0, 100).mapToObj(i -> "p" + i).toList());
        int[] next = {0};

        assertThatThrownBy(() -> CompositeWalk.groups(selection, after -> {
            List<Bucket> buckets = IntStream.range(0, CompositeWalk.PAGE)
                    .mapToObj(i -> new Bucket(Map.of("f0", FieldValue.of(next[0]++)), 1)).toList();
            return new BucketPage(buckets, Map.of("f0", FieldValue.of(next[0])));
        })).hasMessage("More than 21000 groups: narrow the search");
        assertThat(next[0]).isEqualTo(22_000);
    }
}
