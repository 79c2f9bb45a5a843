package org.jobstream.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jobstream.access.JobVisibility;
import org.jobstream.api.SearchParams;
import org.jobstream.api.SearchSpec;
import org.jobstream.api.SortSpec;
import org.jobstream.api.SummaryParams;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.RequestError;
import org.jobstream.query.search.CompositeWalk.Group;
import org.junit.jupiter.api.Test;

/** How a search and a summary use the index: which page, which groups, in which order. */
class JobSearchTest {

    private static final JobVisibility ALICE = new JobVisibility(Optional.of("alice"), Optional.of("lhcb"));

    private final DocumentPages documents = mock(DocumentPages.class);
    private final JobGroups groups = mock(JobGroups.class);
    private final JobLoggingReader logging = mock(JobLoggingReader.class);
    private final JobSearch search = new JobSearch(documents, groups, logging);

    @Test
    void aPageStartsAfterThePreviousPagesRows() {
        when(documents.page(any(), any(), anyList(), anyLong(), anyInt())).thenReturn(new Page(List.of(), 0, 200));

        search.search(SearchParams.all(), ALICE, 3, 100);

        verify(documents).page(any(), any(), anyList(), eq(200L), eq(100));
        verify(logging, never()).attach(any());
    }

    @Test
    void loggingInfoIsAddedToTheRowsOfThePage() {
        List<Map<String, Object>> rows = List.of(new LinkedHashMap<>(Map.of("JobID", 1L)));
        when(documents.page(any(), any(), anyList(), anyLong(), anyInt())).thenReturn(new Page(rows, 1, 0));

        search.search(new SearchParams(List.of("LoggingInfo"), List.of(), List.of(), false), ALICE, 1, 10);

        verify(logging).attach(rows);
    }

    @Test
    void distinctRowsAreEveryGroupSortedThenPaged() {
        when(groups.groups(any(), any())).thenReturn(List.of(group("B", 2), group("A", 5), group(null, 1)));

        Page page = search.search(new SearchParams(List.of("HostName"), List.of(), List.of(), true), ALICE, 1, 2);

        assertThat(page.jobs()).extracting(row -> row.get("HostName")).containsExactly(null, "A");
        assertThat(page.jobs().get(0)).containsOnlyKeys("HostName");
        assertThat(page.total()).isEqualTo(3);
        verifyNoInteractions(documents);
    }

    @Test
    void aBadRequestIsRefusedBeforeTheIndexIsAsked() {
        SearchParams badSort = new SearchParams(List.of("Site"), List.of(), List.of(new SortSpec("JobID", "asc")), true);
        SearchParams badFilter = new SearchParams(List.of(), List.of(SearchSpec.scalar("Site", "resembles", "x")),
                List.of(), false);

        assertThatThrownBy(() -> search.search(badSort, ALICE, 1, 10)).isInstanceOf(RequestError.class);
        assertThatThrownBy(() -> search.search(badFilter, ALICE, 1, 10)).isInstanceOf(RequestError.class);
        verifyNoInteractions(documents, groups);
    }

    @Test
    void aSummaryIsEveryGroupWithItsCount() {
        when(groups.groups(any(), any())).thenReturn(List.of(group("A", 5), group(null, 1)));

        List<Map<String, Object>> summary = search.summary(new SummaryParams(List.of("HostName"), List.of()), ALICE);

        assertThat(summary).hasSize(2);
        assertThat(summary.get(0)).containsExactly(entry("HostName", "A"), entry("count", 5L));
        assertThat(summary.get(1)).containsEntry("HostName", null).containsEntry("count", 1L);
    }

    @Test
    void aSummaryWithoutGroupingIs422() {
        assertThatThrownBy(() -> search.summary(new SummaryParams(null, List.of()), ALICE))
                .isInstanceOf(Invalid.class);
    }

    private static Group group(String host, long count) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("HostName", host);
        return new Group(values, count);
    }
}
