package org.jobstream.projections.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jobstream.api.JobDocumentFields;
import org.jobstream.api.JobParameterTerms;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.projections.check.IndexComparison.Indexed;
import org.jobstream.projections.jobs.JobDocuments.JobDocument;
import org.junit.jupiter.api.Test;

/** How the check compares a job's index document with the live row it is made from. */
class IndexComparisonTest {

    private static final ObjectMapper JSON = JobEventCodec.defaultMapper();

    @Test
    void aDocumentWrittenFromTheRowAgreesWithIt() {
        JobDocument row = row(Map.of("HostName", "wn1.cern.ch", "LoadAverage", "0.5"));

        assertThat(IndexComparison.mismatch(row, indexed(row))).isNull();
    }

    @Test
    void theOrderInWhichParametersWereReadDoesNotMatter() {
        Map<String, String> oneOrder = new LinkedHashMap<>();
        oneOrder.put("b", "2");
        oneOrder.put("a", "1");
        Map<String, String> otherOrder = new LinkedHashMap<>();
        otherOrder.put("a", "1");
        otherOrder.put("b", "2");

        assertThat(IndexComparison.mismatch(row(oneOrder), indexed(row(otherOrder)))).isNull();
    }

    @Test
    void aParameterThatDiffersIsNamedWithBothValuesAndItsTermsAreNotReportedAgain() {
        JobDocument indexedRow = row(Map.of("HostName", "old.cern.ch", "LoadAverage", "0.5"));
        JobDocument live = row(Map.of("HostName", "new.cern.ch", "LoadAverage", "0.5"));

        String mismatch = IndexComparison.mismatch(live, indexed(indexedRow));

        assertThat(mismatch).isEqualTo("differs in Parameters (HostName: index \"old.cern.ch\", live row \"new.cern.ch\")");
    }

    @Test
    void aParameterMissingFromTheIndexIsReported() {
        String mismatch = IndexComparison.mismatch(row(Map.of("Site", "x", "Other", "1")), indexed(row(Map.of("Site", "x"))));

        assertThat(mismatch).isEqualTo("differs in Parameters (Other: index null, live row \"1\")");
    }

    @Test
    void manyDifferingParametersAreCounted() {
        Map<String, String> live = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            live.put("p" + i, "v");
        }

        String mismatch = IndexComparison.mismatch(row(live), indexed(row(Map.of())));

        assertThat(mismatch).contains("p0: index null, live row \"v\"").contains("p4:").doesNotContain("p5:")
                .endsWith("and 3 more parameters)");
    }

    @Test
    void termsThatDifferFromTheParametersTheyAreMadeFromAreReported() {
        JobDocument row = row(Map.of("LoadAverage", "0.5"));
        Indexed stale = indexed(row);
        ((ObjectNode) stale.source()).putArray(JobDocumentFields.PARAMETER_NUMBERS).add("LoadAverage\u00000.5");

        assertThat(IndexComparison.mismatch(row, stale)).startsWith("differs in ParameterNumbers (index [");
    }

    @Test
    void nullFieldsOfTheRowAreAbsentFromTheDocument() {
        Map<String, Object> fields = new LinkedHashMap<>(row(Map.of()).fields());
        fields.put("EndExecTime", null);
        JobDocument row = new JobDocument(7, 3, fields);
        ObjectNode source = (ObjectNode) source(fields);
        source.remove("EndExecTime");

        assertThat(IndexComparison.mismatch(row, new Indexed(3, source))).isNull();
    }

    @Test
    void anotherVersionIsADifference() {
        JobDocument row = row(Map.of());

        assertThat(IndexComparison.mismatch(row, new Indexed(2, indexed(row).source())))
                .isEqualTo("index document has version 2, the live row event_seq 3");
        assertThat(IndexComparison.mismatch(row, null)).isEqualTo("missing from the index");
    }

    private static JobDocument row(Map<String, String> parameters) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("JobID", 7L);
        fields.put("Status", "Running");
        fields.putAll(JobParameterTerms.documentFields(parameters));
        return new JobDocument(7, 3, fields);
    }

    /** The document as the index holds it: the row's fields, written as JSON and read back. */
    private static Indexed indexed(JobDocument row) {
        return new Indexed(row.eventSeq(), source(row.fields()));
    }

    private static JsonNode source(Map<String, Object> fields) {
        try {
            return JSON.readTree(JSON.writeValueAsBytes(fields));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
