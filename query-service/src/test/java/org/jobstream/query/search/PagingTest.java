package org.jobstream.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Which rows a page holds: within the from/size window, beyond it, and of distinct rows paged here. */
class PagingTest {

    @Test
    void pagesWithinTheFirstTenThousandRowsAreOneFromSizeRequest() {
        assertThat(DocumentPages.withinWindow(0, 10_000)).isTrue();
        assertThat(DocumentPages.withinWindow(9_999, 1)).isTrue();
        assertThat(DocumentPages.withinWindow(9_999, 2)).isFalse();
        assertThat(DocumentPages.withinWindow(10_000, 1)).isFalse();
    }

    @Test
    void aDeepPageSkipsInWindowSizedChunksWithoutSourcesThenReadsItsRows() {
        FakeHits hits = new FakeHits(25);

        Page page = PointInTimeWalk.page(21, 3, 10, hits);

        assertThat(ids(page)).containsExactly(21L, 22L, 23L);
        assertThat(page.total()).isEqualTo(25);
        assertThat(page.first()).isEqualTo(21);
        assertThat(hits.requests).containsExactly("10 skip counting", "10 skip", "1 skip", "3 rows");
    }

    @Test
    void aDeepPageThatRunsPastTheEndHoldsWhatIsLeft() {
        FakeHits hits = new FakeHits(25);

        Page page = PointInTimeWalk.page(20, 10, 10, hits);

        assertThat(ids(page)).containsExactly(20L, 21L, 22L, 23L, 24L);
        assertThat(hits.requests).containsExactly("10 skip counting", "10 skip", "10 rows", "5 rows");
    }

    @Test
    void aDeepPagePastTheEndIsEmptyAndStillCountsTheTotal() {
        FakeHits hits = new FakeHits(25);

        Page page = PointInTimeWalk.page(40, 5, 10, hits);

        assertThat(page.jobs()).isEmpty();
        assertThat(page.total()).isEqualTo(25);
        assertThat(hits.requests).containsExactly("10 skip counting", "10 skip", "10 skip", "10 skip");
    }

    @Test
    void distinctRowsArePagedFromTheFullList() {
        List<Map<String, Object>> rows = LongStream.range(0, 7).<Map<String, Object>>mapToObj(i -> Map.of("JobID", i)).toList();

        assertThat(ids(Page.of(rows, 0, 3))).containsExactly(0L, 1L, 2L);
        assertThat(ids(Page.of(rows, 6, 3))).containsExactly(6L);
        assertThat(Page.of(rows, 9, 3).jobs()).isEmpty();
        assertThat(Page.of(rows, 9, 3).total()).isEqualTo(7);
        assertThat(Page.of(rows, 3, 3).first()).isEqualTo(3);
    }

    private static List<Long> ids(Page page) {
        return page.jobs().stream().map(row -> ((Number) row.get("JobID")).longValue()).toList();
    }

    /** Hits 0 to n-1 in order, their sort value their number; records each request. */
    private static final class FakeHits implements PointInTimeWalk.Hits {

        final List<String> requests = new ArrayList<>();
        private final long count;

        FakeHits(long count) {
            this.count = count;
        }

        @Override
        public PointInTimeWalk.Chunk next(List<FieldValue> after, int size, boolean withRows, boolean countTotal) {
            requests.add(size + (withRows ? " rows" : " skip") + (countTotal ? " counting" : ""));
            long from = after == null ? 0 : after.get(0).longValue() + 1;
            long to = Math.min(count, from + size);
            List<Map<String, Object>> rows = LongStream.range(from, to).<Map<String, Object>>mapToObj(i -> Map.of("JobID", i)).toList();
            return new PointInTimeWalk.Chunk(withRows ? rows : List.of(), rows.size(),
                    rows.isEmpty() ? null : List.of(FieldValue.of(to - 1)), countTotal ? count : -1);
        }
    }
}
