package org.jobstream.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.SortOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jobstream.api.SortSpec;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.RequestError;
import org.junit.jupiter.api.Test;

/** The order of documents and of distinct rows. */
class SortingTest {

    @Test
    void documentsComeInJobIdOrderByDefault() {
        assertThat(keys(Sorting.options(List.of()))).containsExactly("JobID asc");
    }

    @Test
    void sortKeysApplyInTurnThenJobIdKeepsPagesStable() {
        List<SortOptions> options = Sorting.options(List.of(new SortSpec("Site", "desc"), new SortSpec("UserPriority", "asc")));

        assertThat(keys(options)).containsExactly("Site desc", "UserPriority asc", "JobID asc");
    }

    @Test
    void aJobIdKeyIsNotRepeated() {
        assertThat(keys(Sorting.options(List.of(new SortSpec("JobID", "desc"))))).containsExactly("JobID desc");
    }

    @Test
    void onlyJobAttributesAreSortKeys() {
        assertThatThrownBy(() -> Sorting.options(List.of(new SortSpec("HostName", "asc"))))
                .hasMessage("Cannot sort by HostName: sort keys are job attributes");
        assertThatThrownBy(() -> Sorting.options(List.of(new SortSpec(null, "asc")))).hasMessage("A sort key needs a parameter");
    }

    @Test
    void aDirectionOtherThanAscOrDescIs422() {
        assertThatThrownBy(() -> Sorting.options(List.of(new SortSpec("JobID", "up"))))
                .isInstanceOf(Invalid.class)
                .hasMessage("Sort direction must be 'asc' or 'desc', not up");
        assertThatThrownBy(() -> Sorting.options(List.of(new SortSpec("JobID", null)))).isInstanceOf(RequestError.class);
    }

    @Test
    void distinctRowsComeInOrderOfEverySelectedFieldByDefaultParametersIncludedNullFirst() {
        Selection selection = Selection.of(List.of("Site", "HostName"));
        List<Map<String, Object>> rows = new ArrayList<>(List.of(row("B", "wn1"), row("A", "wn2"), row("A", null),
                row("A", "wn1")));

        rows.sort(Sorting.rows(List.of(), selection));

        assertThat(rows).containsExactly(row("A", null), row("A", "wn1"), row("A", "wn2"), row("B", "wn1"));
    }

    @Test
    void distinctRowsFollowTheSortKeys() {
        Selection selection = Selection.of(List.of("Site", "UserPriority"));
        List<Map<String, Object>> rows = new ArrayList<>(List.of(Map.of("Site", "A", "UserPriority", 1L),
                Map.of("Site", "A", "UserPriority", 3L), Map.of("Site", "B", "UserPriority", 2L)));

        rows.sort(Sorting.rows(List.of(new SortSpec("UserPriority", "desc")), selection));

        assertThat(rows).extracting(r -> r.get("UserPriority")).containsExactly(3L, 2L, 1L);
    }

    @Test
    void distinctRowsSortOnlyBySelectedAttributes() {
        Selection selection = Selection.of(List.of("Site"));

        assertThatThrownBy(() -> Sorting.rows(List.of(new SortSpec("JobID", "asc")), selection))
                .hasMessage("Cannot sort distinct rows by JobID: it is not selected");
    }

    private static Map<String, Object> row(String site, String host) {
        Map<String, Object> row = new HashMap<>();
        row.put("Site", site);
        row.put("HostName", host);
        return row;
    }

    private static List<String> keys(List<SortOptions> options) {
        return options.stream().map(o -> o.field().field() + " " + o.field().order().jsonValue()).toList();
    }
}
