package org.jobstream.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jobstream.errors.RequestError;
import org.jobstream.events.JobAttribute;
import org.junit.jupiter.api.Test;

/** Which fields a search returns and a summary groups by, and where their values come from. */
class SelectionTest {

    private static final List<String> ATTRIBUTES = Arrays.stream(JobAttribute.values()).map(JobAttribute::wireName).toList();

    @Test
    void noNamesSelectEveryAttributeInTheirOrder() {
        Selection selection = Selection.of(List.of());

        assertThat(selection.names()).isEqualTo(ATTRIBUTES);
        assertThat(selection.indexFields()).isEqualTo(ATTRIBUTES);
        assertThat(selection.loggingInfo()).isFalse();
    }

    @Test
    void namedFieldsComeInTheRequestsOrderEachOnce() {
        Selection selection = Selection.of(List.of("Site", "HostName", "JobID", "Site"));

        assertThat(selection.names()).containsExactly("Site", "HostName", "JobID");
        assertThat(selection.indexFields()).containsExactly("Site", "Parameters.HostName", "JobID");
    }

    @Test
    void loggingInfoAloneSelectsEveryAttributeAndTheHistory() {
        Selection selection = Selection.of(List.of("LoggingInfo"));

        assertThat(selection.names()).isEqualTo(ATTRIBUTES);
        assertThat(selection.loggingInfo()).isTrue();
    }

    @Test
    void loggingInfoBringsTheJobIdToFindTheHistoryBy() {
        assertThat(Selection.of(List.of("JobName", "LoggingInfo")).names()).containsExactly("JobID", "JobName");
        assertThat(Selection.of(List.of("JobName", "JobID", "LoggingInfo")).names()).containsExactly("JobName", "JobID");
    }

    @Test
    void aRowHoldsTheSelectedAttributesAndParameters() {
        Map<String, Object> source = Map.of("JobID", 7, "Site", "LCG.A.ch",
                "Parameters", Map.of("HostName", "wn1.cern.ch", "Other", "x"));

        Map<String, Object> row = Selection.of(List.of("HostName", "JobID", "Site")).row(source);

        assertThat(row).containsExactly(entry("HostName", "wn1.cern.ch"), entry("JobID", 7),
                entry("Site", "LCG.A.ch"));
    }

    @Test
    void aParameterTheJobDoesNotHaveIsNullWhetherOrNotAnyJobHasIt() {
        Selection selection = Selection.of(List.of("JobID", "NoJobHasThis", "HostName"));

        assertThat(selection.row(Map.of("JobID", 7))).containsExactly(entry("JobID", 7),
                entry("NoJobHasThis", null), entry("HostName", null));
        assertThat(selection.row(Map.of("JobID", 8, "Parameters", Map.of()))).containsEntry("HostName", null);
    }

    @Test
    void aNameThatIsNeitherAnAttributeNorAValidParameterNameIs400() {
        assertThatThrownBy(() -> Selection.of(List.of("JobID", "Parameters.*"))).isInstanceOf(RequestError.class)
                .hasMessageStartingWith("Unknown column Parameters.*: not a job attribute");
        assertThatThrownBy(() -> Selection.grouping(List.of("Status\" OR *"))).isInstanceOf(RequestError.class);
    }

    @Test
    void aNullNameIs400() {
        assertThatThrownBy(() -> Selection.of(Arrays.asList("JobID", null))).hasMessage("A field name is null");
    }

    @Test
    void aRequestNamesAtMostAHundredFields() {
        List<String> hundred = IntStream.range(0, 100).mapToObj(i -> "p" + i).toList();
        List<String> more = IntStream.range(0, 101).mapToObj(i -> "p" + i).toList();

        assertThat(Selection.of(hundred).names()).hasSize(100);
        assertThatThrownBy(() -> Selection.of(more)).hasMessage("At most 100 fields can be selected, not 101");
        assertThatThrownBy(() -> Selection.grouping(more)).hasMessage("At most 100 fields can be grouped by, not 101");
    }

    @Test
    void aSummaryGroupsByEveryAttributeWhenNoneIsNamedAndNeverByLoggingInfo() {
        assertThat(Selection.grouping(List.of()).names()).isEqualTo(ATTRIBUTES);
        assertThat(Selection.grouping(List.of("Status", "GridCE")).indexFields()).containsExactly("Status", "Parameters.GridCE");
        assertThatThrownBy(() -> Selection.grouping(List.of("Status", "LoggingInfo")))
                .hasMessage("LoggingInfo cannot be grouped by");
    }

    @Test
    void dateKeysOfAggregationsAreShownAsTheDocumentsShowThem() {
        Selection selection = Selection.grouping(List.of("SubmissionTime", "JobID", "Started"));

        assertThat(selection.output(0, 1_748_156_615_000L)).isEqualTo("2025-05-25T07:03:35Z");
        assertThat(selection.output(1, 1_748_156_615_000L)).isEqualTo(1_748_156_615_000L);
        assertThat(selection.output(2, "2025")).isEqualTo("2025");
    }
}
