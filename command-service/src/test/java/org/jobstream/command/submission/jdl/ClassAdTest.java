package org.jobstream.command.submission.jdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClassAdTest {

    private final ClassAd ad = JdlParser.parse(
            "JobName = \"job\"; Priority = \"3\"; CPUTime = 100; Ratio = 1.5; Big = 99999999999;"
            + " InputData = {/a, \"/b\", \"\"}; Site = \"S1, S2,\"; Req = [X = 1]; Nested = {{p, q}, r};");

    @Test
    void lookupsIgnoreCaseButNamesKeepTheirSpelling() {
        assertThat(ad.contains("jobname")).isTrue();
        assertThat(ad.getString("JOBNAME")).contains("job");
        assertThat(ad.names()).startsWith("JobName");
    }

    @Test
    void getStringReadsStringsAndWordsButNotListsOrClassAds() {
        assertThat(ad.getString("CPUTime")).contains("100");
        assertThat(ad.getString("InputData")).isEmpty();
        assertThat(ad.getString("Req")).isEmpty();
        assertThat(ad.getString("Absent")).isEmpty();
    }

    @Test
    void getIntReadsQuotedAndBareIntegersOnly() {
        assertThat(ad.getInt("Priority")).contains(3);
        assertThat(ad.getInt("CPUTime")).contains(100);
        assertThat(ad.getInt("Ratio")).isEmpty();
        assertThat(ad.getInt("JobName")).isEmpty();
        assertThat(ad.getInt("Big")).isEmpty();
        assertThat(ad.getLong("Big")).contains(99_999_999_999L);
    }

    @Test
    void getListReadsListItemsOrSplitsScalarsOnCommasDroppingBlanks() {
        assertThat(ad.getList("InputData")).containsExactly("/a", "/b");
        assertThat(ad.getList("Site")).containsExactly("S1", "S2");
        assertThat(ad.getList("JobName")).containsExactly("job");
        assertThat(ad.getList("Nested")).containsExactly("{p, q}", "r");
        assertThat(ad.getList("Absent")).isEmpty();
    }

    @Test
    void getClassAdReadsNestedClassAds() {
        assertThat(ad.getClassAd("Req").flatMap(r -> r.getInt("X"))).contains(1);
        assertThat(ad.getClassAd("JobName")).isEmpty();
    }

    @Test
    void withReplacesInPlaceWhateverTheCaseAndAppendsNewNames() {
        ClassAd changed = ad.withString("jobNAME", "other").withNumber("Extra", 7);

        assertThat(changed.names()).startsWith("jobNAME").endsWith("Extra").hasSize(ad.size() + 1);
        assertThat(changed.getString("JobName")).contains("other");
        assertThat(ad.getString("JobName")).as("original unchanged").contains("job");
    }

    @Test
    void withoutRemovesIgnoringCase() {
        assertThat(ad.without("priority").contains("Priority")).isFalse();
        assertThat(ad.without("Absent")).isSameAs(ad);
    }

    @Test
    void equalityDependsOnOrderNamesAndValues() {
        ClassAd ab = ClassAd.builder().put("A", JdlValue.number(1)).put("B", JdlValue.number(2)).build();
        ClassAd ba = ClassAd.builder().put("B", JdlValue.number(2)).put("A", JdlValue.number(1)).build();

        assertThat(ab).isNotEqualTo(ba);
        assertThat(ab.sorted()).isEqualTo(ba.sorted()).hasSameHashCodeAs(ba.sorted());
        assertThat(ab).isNotEqualTo(ClassAd.empty().withString("A", "1").withNumber("B", 2));
    }

    @Test
    void builderAddRefusesDuplicatesIgnoringCase() {
        ClassAd.Builder builder = ClassAd.builder().add("Owner", new JdlString("a"));

        assertThatThrownBy(() -> builder.add("OWNER", new JdlString("b"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderRemoveKeepsTheOrderOfTheRest() {
        ClassAd built = ClassAd.builder().put("A", JdlValue.number(1)).put("B", JdlValue.number(2))
                .put("C", JdlValue.number(3)).remove("b").put("D", JdlValue.number(4)).put("c", JdlValue.number(5)).build();

        assertThat(built.names()).containsExactly("A", "c", "D");
    }

    @Test
    void invalidNamesAndWordsAreRefused() {
        assertThatThrownBy(() -> ClassAd.empty().withNumber("bad name", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassAd.empty().withNumber("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JdlWord("two words")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JdlWord("a//b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JdlWord("x;")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attributesAndListsAreImmutable() {
        assertThatThrownBy(() -> ad.attributes().clear()).isInstanceOf(UnsupportedOperationException.class);
        JdlList list = (JdlList) ad.get("InputData").orElseThrow();
        assertThatThrownBy(() -> list.items().add(new JdlWord("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void wordOrStringKeepsWordsWhenPossible() {
        assertThat(JdlValue.wordOrString("12")).isEqualTo(new JdlWord("12"));
        assertThat(JdlValue.wordOrString("a b")).isEqualTo(new JdlString("a b"));
        assertThat(JdlValue.wordOrString("")).isEqualTo(new JdlString(""));
    }

    @Test
    void toStringIsTheCanonicalJdl() {
        assertThat(ClassAd.empty().withNumber("A", 1)).hasToString("[\n    A = 1;\n]");
        assertThat(ad.sorted().names()).isSortedAccordingTo(String::compareTo);
        assertThat(List.of(ad.attributes().get(0).value())).containsExactly(new JdlString("job"));
    }
}
