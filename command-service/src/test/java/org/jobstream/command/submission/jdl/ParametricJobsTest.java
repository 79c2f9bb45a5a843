package org.jobstream.command.submission.jdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParametricJobsTest {

    // The JDLs of DIRAC's test_ParametricJob.py.
    static final String NO_PARAMETERS = "[ Executable = \"my_executable\"; Arguments = \"%s\"; JobName = \"Test_%n\"; ]";
    static final String SIMPLE = "[ Executable = \"my_executable\"; Arguments = \"%s\"; JobName = \"Test_%n\";"
            + " Parameters = { \"a\", \"b\", \"c\" } ]";
    static final String SIMPLE_BUNCH = "[ Executable = \"my_executable\"; Arguments = \"%s\"; JobName = \"Test_%n\";"
            + " Parameters = 3; ParameterStart = 5; ]";
    static final String SIMPLE_PROGRESSION = "[ Executable = \"my_executable\"; Arguments = \"%s\"; JobName = \"Test_%n\";"
            + " Parameters = 3; ParameterStart = 1; ParameterStep = 1; ParameterFactor = 2; ]";
    static final String MULTI = "[ Executable = \"my_executable\"; Arguments = \"%(A)s %(B)s\"; JobName = \"Test_%n\";"
            + " Parameters = 3; ParameterStart.A = 1; ParameterStep.A = 1; ParameterFactor.A = 2;"
            + " Parameters.B = { \"a\",\"b\",\"c\" }; ]";
    static final String MULTI_BAD = MULTI.replace("\"a\",\"b\",\"c\"", "\"a\",\"b\",\"c\",\"d\"");

    // DiracX's TEST_PARAMETRIC_JDL (reference §5.3).
    static final String DIRACX_PARAMETRIC = """
            Arguments = "jobDescription.xml -o LogLevel=DEBUG  -p JOB_ID=%(JOB_ID)s  -p InputData=%(InputData)s";
            Executable = "dirac-jobexec";
            InputData = %(InputData)s;
            InputSandbox = jobDescription.xml;
            JOB_ID = %(JOB_ID)s;
            JobName = Name;
            JobType = User;
            LogLevel = DEBUG;
            OutputSandbox = {Script1_CodeOutput.log, std.err, std.out};
            Parameters = 3;
            Parameters.InputData = {{/lhcb/data/data1, /lhcb/data/data2}, {/lhcb/data/data3, /lhcb/data/data4},
                {/lhcb/data/data5, /lhcb/data/data6}};
            Parameters.JOB_ID = {1, 2, 3};
            Priority = 1;
            StdError = std.err;
            StdOutput = std.out;
            """;

    private static List<ClassAd> expand(String jdl) {
        return ParametricJobs.expand(JdlParser.parse(jdl));
    }

    private static List<String> strings(List<ClassAd> jobs, String attribute) {
        return jobs.stream().map(job -> job.getString(attribute).orElseThrow()).toList();
    }

    static List<Arguments> diracCases() {
        return List.of(
                Arguments.of(SIMPLE, List.of("a", "b", "c")),
                Arguments.of(SIMPLE_BUNCH, List.of("5", "5", "5")),
                Arguments.of(SIMPLE_PROGRESSION, List.of("1", "3", "7")),
                Arguments.of(MULTI, List.of("1 a", "3 b", "7 c")));
    }

    @Nested
    class VectorLength {

        @ParameterizedTest
        @MethodSource("org.jobstream.command.submission.jdl.ParametricJobsTest#diracCases")
        void countsTheJobsOfDiracsExamples(String jdl, List<String> arguments) {
            assertThat(ParametricJobs.vectorLength(JdlParser.parse(jdl))).isEqualTo(arguments.size());
        }

        @Test
        void isZeroWithoutParameters() {
            assertThat(ParametricJobs.vectorLength(JdlParser.parse(NO_PARAMETERS))).isZero();
        }

        @Test
        void onlyAttributesStartingWithParametersCount() {
            assertThat(ParametricJobs.vectorLength(JdlParser.parse("ParameterStart = 1; Parameter = 4; A = 1"))).isZero();
        }

        @Test
        void differentLengthsAreAnError() {
            assertThatThrownBy(() -> ParametricJobs.vectorLength(JdlParser.parse(MULTI_BAD)))
                    .isInstanceOf(ParametricJobException.class)
                    .hasMessage("Different length of parameter vectors: for Parameters.B, 3 != 4");
        }

        @Test
        void zeroOrNegativeCountIsIllegal() {
            assertThatThrownBy(() -> ParametricJobs.vectorLength(JdlParser.parse("Parameters = 0")))
                    .hasMessage("Illegal number of job parameters 0");
            assertThatThrownBy(() -> ParametricJobs.vectorLength(JdlParser.parse("Parameters = {}")))
                    .hasMessage("Illegal number of job parameters 0");
            assertThatThrownBy(() -> ParametricJobs.vectorLength(JdlParser.parse("Parameters = -2")))
                    .hasMessage("Illegal number of job parameters -2");
        }

        @Test
        void nonIntegerCountIsInconsistent() {
            assertThatThrownBy(() -> ParametricJobs.vectorLength(JdlParser.parse("Parameters = abc")))
                    .isInstanceOf(ParametricJobException.class)
                    .hasMessage("Inconsistent parametric job description: Parameters=abc");
        }

        @Test
        void quotedCountIsRead() {
            assertThat(ParametricJobs.vectorLength(JdlParser.parse("Parameters = \"4\""))).isEqualTo(4);
        }

        @Test
        void hugeCountsAreReportedNotExpanded() {
            assertThat(ParametricJobs.vectorLength(JdlParser.parse("Parameters = 2000000000"))).isEqualTo(2_000_000_000);
            assertThatThrownBy(() -> ParametricJobs.vectorLength(JdlParser.parse("Parameters = 99999999999999999999")))
                    .hasMessage("Illegal number of job parameters 99999999999999999999");
        }
    }

    @Nested
    class Expand {

        @ParameterizedTest
        @MethodSource("org.jobstream.command.submission.jdl.ParametricJobsTest#diracCases")
        void reproducesDiracsExamples(String jdl, List<String> arguments) {
            List<ClassAd> jobs = expand(jdl);

            assertThat(strings(jobs, "Arguments")).isEqualTo(arguments);
            assertThat(strings(jobs, "JobName")).containsExactly("Test_0", "Test_1", "Test_2");
        }

        @Test
        void nonParametricDescriptionIsReturnedUnchanged() {
            ClassAd ad = JdlParser.parse(NO_PARAMETERS);

            assertThat(ParametricJobs.expand(ad)).singleElement().isSameAs(ad);
        }

        @Test
        void diracxParametricExampleGivesThreeJobsWithTheirInputData() {
            List<ClassAd> jobs = expand(DIRACX_PARAMETRIC);

            assertThat(jobs).hasSize(3);
            for (int i = 0; i < 3; i++) {
                ClassAd job = jobs.get(i);
                String first = "/lhcb/data/data" + (2 * i + 1);
                String second = "/lhcb/data/data" + (2 * i + 2);
                assertThat(job.get("InputData")).contains(JdlValue.list(new JdlWord(first), new JdlWord(second)));
                assertThat(job.getList("InputData")).containsExactly(first, second);
                assertThat(job.get("JOB_ID")).contains(JdlValue.number(i + 1));
                assertThat(job.getString("Arguments")).contains("jobDescription.xml -o LogLevel=DEBUG  -p JOB_ID="
                        + (i + 1) + "  -p InputData={" + first + ", " + second + "}");
                assertThat(job.get("Parameter.InputData")).contains(JdlValue.list(new JdlWord(first), new JdlWord(second)));
                assertThat(job.get("Parameter.JOB_ID")).contains(new JdlString(String.valueOf(i + 1)));
                assertThat(job.get("Parameter")).contains(new JdlString("1"));
                assertThat(job.get("ParameterNumber")).contains(JdlValue.number(i));
            }
        }

        @Test
        void sequenceAttributesAreReplacedByParameterAttributesAtTheEnd() {
            ClassAd job = expand(DIRACX_PARAMETRIC).get(0);

            assertThat(job.names()).doesNotContain("Parameters", "Parameters.InputData", "Parameters.JOB_ID")
                    .endsWith("Parameter", "Parameter.InputData", "Parameter.JOB_ID", "ParameterNumber");
            assertThat(expand(MULTI).get(0).names()).containsExactly("Executable", "Arguments", "JobName",
                    "Parameter", "Parameter.A", "Parameter.B", "ParameterNumber");
        }

        @Test
        void countWithStartAndStepGivesAnArithmeticSequence() {
            List<ClassAd> jobs = expand("Arguments = \"%s\"; Parameters = 3; ParameterStart = 1; ParameterStep = 1;");

            assertThat(strings(jobs, "Arguments")).containsExactly("1", "2", "3");
            assertThat(strings(jobs, "Parameter")).containsExactly("1", "2", "3");
        }

        @Test
        void countAloneRepeatsTheDefaultStart() {
            assertThat(strings(expand("Arguments = \"%s\"; Parameters = 3;"), "Arguments")).containsExactly("1", "1", "1");
        }

        @Test
        void explicitListGivesItsItems() {
            assertThat(strings(expand("Arguments = \"%s\"; Parameters = {a, b, c};"), "Arguments"))
                    .containsExactly("a", "b", "c");
        }

        @Test
        void jobNumberIsZeroPaddedToTheWidthOfTheLastNumber() {
            List<ClassAd> jobs = expand("JobName = \"Test_%n\"; Parameters = 12;");

            assertThat(strings(jobs, "JobName")).isEqualTo(
                    IntStream.range(0, 12).mapToObj(i -> String.format("Test_%02d", i)).toList());
        }

        @Test
        void jobNumberIsReplacedInWordsListsAndNestedClassAds() {
            ClassAd job = expand("Parameters = 2; W = %n; L = {x_%n, \"%n\"}; R = [N = %n];").get(1);

            assertThat(job.get("W")).contains(new JdlWord("1"));
            assertThat(job.get("L")).contains(JdlValue.list(new JdlWord("x_1"), new JdlString("1")));
            assertThat(job.getClassAd("R").flatMap(r -> r.get("N"))).contains(new JdlWord("1"));
        }

        @Test
        void floatSequencesArePrintedAsDecimals() {
            assertThat(strings(expand("A = \"%s\"; Parameters = 3; ParameterStart = 0.5; ParameterStep = 1;"), "A"))
                    .containsExactly("0.5", "1.5", "2.5");
            assertThat(strings(expand("A = \"%s\"; Parameters = 3; ParameterFactor = 2.0;"), "A"))
                    .containsExactly("1.0", "2.0", "4.0");
            assertThat(strings(expand("A = \"%s\"; Parameters = 2; ParameterStart = 0.1; ParameterStep = 0.2;"), "A"))
                    .containsExactly("0.1", "0.30000000000000004");
        }

        @Test
        void listValuesAreSplicedIntoLists() {
            ClassAd job = expand("L = {x, %s, y}; Parameters = {{a, b}, {c}};").get(0);

            assertThat(job.get("L")).contains(JdlValue.list(new JdlWord("x"), new JdlWord("a"), new JdlWord("b"), new JdlWord("y")));
            assertThat(job.get("Parameter")).contains(JdlValue.list(new JdlWord("a"), new JdlWord("b")));
        }

        @Test
        void scalarValuesReplaceWholeWordsAndPartsOfText() {
            ClassAd job = expand("W = %s; P = file_%s.dst; S = \"with space\"; T = %s; Parameters = {\"a b\"};").get(0);

            assertThat(job.get("W")).contains(new JdlString("a b"));
            assertThat(job.get("P")).contains(new JdlString("file_a b.dst"));
            assertThat(job.get("T")).contains(new JdlString("a b"));
        }

        @Test
        void placeholdersInNestedClassAdsAreReplaced() {
            ClassAd job = expand("R = [ Inner = \"v=%(X)s\"; L = {%(X)s} ]; Parameters.X = {7};").get(0);

            ClassAd inner = job.getClassAd("R").orElseThrow();
            assertThat(inner.getString("Inner")).contains("v=7");
            assertThat(inner.get("L")).contains(JdlValue.list(new JdlWord("7")));
        }

        @Test
        void suffixedSequenceWithoutUnsuffixedParametersIsExpanded() {
            List<ClassAd> jobs = expand("A = \"%(X)s\"; Parameters.X = {p, q};");

            assertThat(strings(jobs, "A")).containsExactly("p", "q");
            assertThat(strings(jobs, "Parameter.X")).containsExactly("p", "q");
        }

        @Test
        void diracxTooManyJobsExampleExpandsToAHundred() {
            String jdl = "Executable = \"echo\"; Arguments = \"%s\"; JobName = \"Test_%n\"; Parameters = 100; ParameterStart = 1;";

            assertThat(expand(jdl)).hasSize(100).last().satisfies(job -> assertThat(job.getString("JobName")).contains("Test_99"));
        }
    }

    @Nested
    class Refuses {

        @Test
        void scalarForASuffixedParametersAttribute() {
            assertThatThrownBy(() -> expand("Parameters = 2; Parameters.B = 2;"))
                    .isInstanceOf(ParametricJobException.class)
                    .hasMessage("Inconsistent parametric job description");
        }

        @Test
        void nonNumericStartStepOrFactor() {
            assertThatThrownBy(() -> expand("Parameters = 2; ParameterStep = abc;"))
                    .isInstanceOf(ParametricJobException.class)
                    .hasMessage("Illegal value for ParameterStep JDL field: abc");
            assertThatThrownBy(() -> expand("Parameters = 2; ParameterStart.A = {1};"))
                    .hasMessage("Illegal value for ParameterStart.A JDL field: {1}");
        }

        @Test
        void differentLengths() {
            assertThatThrownBy(() -> ParametricJobs.expand(JdlParser.parse(MULTI_BAD)))
                    .hasMessage("Different length of parameter vectors: for Parameters.B, 3 != 4");
        }

        @Test
        @Timeout(value = 10, unit = TimeUnit.SECONDS)
        void moreThanTenThousandJobsBeforeAllocatingThem() {
            assertThatThrownBy(() -> expand("Parameters = 2000000000; JobName = \"x_%n\";"))
                    .isInstanceOf(ParametricJobException.class)
                    .hasMessage("Too many parametric jobs: 2000000000 (at most 10000)");
            assertThat(expand("Parameters = 10000;")).hasSize(ParametricJobs.MAX_EXPANSION);
        }

        @Test
        void sequencesThatOverflow() {
            assertThatThrownBy(() -> expand("Parameters = 100; ParameterFactor = 1000;"))
                    .isInstanceOf(ParametricJobException.class)
                    .hasMessage("Parameter sequence 0 overflows at job 7");
            assertThatThrownBy(() -> expand("Parameters = 1000; ParameterFactor = 1e300;"))
                    .hasMessage("Parameter sequence 0 overflows at job 2");
        }

        @Test
        @Timeout(value = 5, unit = TimeUnit.SECONDS)
        void expansionsTooLargeToBuild() {
            // each under the JDL length limit, but their product far over what an expansion may build
            String big = "x".repeat(100_000);
            String manyPlaceholders = "%s".repeat(60_000);
            assertThatThrownBy(() -> expand("A = \"" + manyPlaceholders + "\"; Parameters = {\"" + big + "\", b};"))
                    .isInstanceOf(ParametricJobException.class)
                    .hasMessageStartingWith("Job descriptions too large after substitution");

            String largeJdl = "A = \"" + big + "\"; Parameters = 1000;";
            assertThatThrownBy(() -> expand(largeJdl))
                    .hasMessage("Parametric job description too large to expand into 1000 jobs");
        }
    }
}
