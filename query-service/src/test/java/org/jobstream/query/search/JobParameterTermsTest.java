package org.jobstream.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.jobstream.api.JobDocumentFields;
import org.jobstream.api.JobParameterTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index terms of job parameters (shared with the projections, which write them): the searches
 * here rely on their order and on their prefixes.
 */
class JobParameterTermsTest {

    @Test
    void aDocumentHoldsTheParametersAndTheirTermsInNameOrder() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("LoadAverage", "0.5");
        parameters.put("HostName", "wn1");

        Map<String, Object> fields = JobParameterTerms.documentFields(parameters);

        assertThat(fields.keySet()).containsExactly(JobDocumentFields.PARAMETERS, JobDocumentFields.PARAMETER_TEXT,
                JobDocumentFields.PARAMETER_NUMBERS);
        assertThat(map(fields.get(JobDocumentFields.PARAMETERS))).containsExactly(Map.entry("HostName", "wn1"),
                Map.entry("LoadAverage", "0.5"));
        assertThat(list(fields.get(JobDocumentFields.PARAMETER_TEXT))).containsExactly("HostName\u0000wn1",
                "LoadAverage\u00000.5");
        assertThat(list(fields.get(JobDocumentFields.PARAMETER_NUMBERS)))
                .containsExactly(JobParameterTerms.number("LoadAverage", 0.5));
    }

    @Test
    void aValueLongerThanSearchSeesHasNoTerms() {
        Map<String, Object> fields = JobParameterTerms.documentFields(Map.of("Out", "1".repeat(8_192)));

        assertThat(map(fields.get(JobDocumentFields.PARAMETERS))).containsKey("Out");
        assertThat(list(fields.get(JobDocumentFields.PARAMETER_TEXT))).isEmpty();
        assertThat(list(fields.get(JobDocumentFields.PARAMETER_NUMBERS))).isEmpty();
    }

    @Test
    void numberTermsSortAsTheirNumbers() {
        List<Double> numbers = new ArrayList<>(DoubleStream.of(-Double.MAX_VALUE, -1e300, -10, -9.5, -1, -Double.MIN_VALUE,
                0, Double.MIN_VALUE, 1e-300, 0.5, 1, 9.5, 10, 1e20, Double.MAX_VALUE).boxed().toList());
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            numbers.add((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20));
        }

        List<String> byTerm = numbers.stream().map(n -> JobParameterTerms.number("X", n)).sorted().toList();
        List<String> byNumber = numbers.stream().sorted().map(n -> JobParameterTerms.number("X", n)).toList();

        assertThat(byTerm).isEqualTo(byNumber);
    }

    @Test
    void negativeZeroIsZero() {
        assertThat(JobParameterTerms.number("X", -0.0)).isEqualTo(JobParameterTerms.number("X", 0.0));
    }

    @Test
    void everyTermOfAParameterIsBetweenItsFirstAndPastLastAndNoOtherParametersTermIs() {
        List<String> terms = List.of(JobParameterTerms.text("Host", ""), JobParameterTerms.text("Host", "\uFFFF\uD83D\uDE00"),
                JobParameterTerms.number("Host", Double.MAX_VALUE), JobParameterTerms.number("Host", -Double.MAX_VALUE));
        List<String> others = List.of(JobParameterTerms.text("Hos", "t"), JobParameterTerms.text("HostName", ""),
                JobParameterTerms.text("Host(s)", "x"), JobParameterTerms.text("Host-", "x"), JobParameterTerms.text("Hosu", ""));

        assertThat(terms).allMatch(t -> between(t, JobParameterTerms.first("Host"), JobParameterTerms.pastLast("Host")));
        assertThat(others).noneMatch(t -> between(t, JobParameterTerms.first("Host"), JobParameterTerms.pastLast("Host")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "+1.5", " 2.5 ", "1e3", "1E-3", ".5", "5.", "007"})
    void decimalTextIsANumber(String text) {
        assertThat(JobParameterTerms.numeric(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1,5", "0x10", "NaN", "Infinity", "1e400", "1.5f", "1 2", "--1", "."})
    void otherTextIsNoNumber(String text) {
        assertThat(JobParameterTerms.numeric(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HostName", "CPUNormalizationFactor", "NormCPUTime(s)", "Memory(MB)", "a", "x-y_z", "A1"})
    void namesTheCommandSideAcceptsAreParameterNames(String name) {
        assertThat(JobParameterTerms.isName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1a", "_a", "a.b", "a b", "a*", "a\u0000", "\u00e9t\u00e9"})
    void otherNamesAreNot(String name) {
        assertThat(JobParameterTerms.isName(name)).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> map(Object value) {
        return (Map<String, String>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return (List<String>) value;
    }

    /** In the index's order of keywords: UTF-8 bytes, unsigned. */
    private static boolean between(String term, String first, String pastLast) {
        return java.util.Arrays.compareUnsigned(utf8(first), utf8(term)) <= 0
                && java.util.Arrays.compareUnsigned(utf8(term), utf8(pastLast)) < 0;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
