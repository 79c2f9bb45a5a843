package org.jobstream.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jobstream.query.search.JobDocument.job;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jobstream.access.JobVisibility;
import org.jobstream.api.SearchSpec;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.Refused;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What each filter selects: the query that {@link SearchFilters} builds, run on job documents as
 * the projections write them ({@link IndexedJobs}).
 */
class SearchFiltersTest {

    private static final JobVisibility ALICE = new JobVisibility(Optional.of("alice"), Optional.of("lhcb"));
    private static final JobVisibility LHCB = new JobVisibility(Optional.empty(), Optional.of("lhcb"));
    private static final JobVisibility ADMIN = new JobVisibility(Optional.empty(), Optional.empty());

    /** Alice's jobs 1 to 4, Bob's job 5 in her VO, Carol's job 6 in another VO. */
    private static final IndexedJobs JOBS = IndexedJobs.of(List.of(
            job(1).with("Site", "LCG.A.ch").with("Status", "Running").with("UserPriority", 1L)
                    .with("SubmissionTime", "2025-05-25T07:03:35Z")
                    .parameter("HostName", "wn1.cern.ch").parameter("LoadAverage", "9.5").parameter("Note", "50% done")
                    .document(),
            job(2).with("Site", "LCG.B.ch").with("Status", "Done").with("UserPriority", 2L)
                    .with("SubmissionTime", "2025-05-25T08:00:00Z")
                    .parameter("HostName", "wn2.in2p3.fr").parameter("LoadAverage", "10").parameter("GridCE", "ce.cern.ch")
                    .document(),
            job(3).with("Site", "LCG.A.ch").with("Status", "Failed").with("UserPriority", 3L)
                    .with("SubmissionTime", "2025-06-01T00:00:00Z").with("EndExecTime", "2025-06-01T01:00:00Z")
                    .parameter("LoadAverage", "-2").parameter("CPU(s)", "7").document(),
            job(4).with("JobName", "job*4").with("Site", "LCG.B.ch").with("UserPriority", 10L)
                    .with("SubmissionTime", "2024-12-31T23:59:59Z").with("VerifiedFlag", false).document(),
            job(5).owner("bob", "lhcb").parameter("Secret", "yes").parameter("HostName", "wn1.cern.ch").document(),
            job(6).owner("carol", "atlas").document()));

    @Nested
    class OnAttributes {

        @Test
        void eqMatchesTheExactValue() {
            assertThat(ids(filter("JobName", "eq", "job-2"))).containsExactly(2L);
            assertThat(ids(filter("JobName", "eq", "job"))).isEmpty();
        }

        @Test
        void neqMatchesEveryOtherValue() {
            assertThat(ids(filter("Status", "neq", "Running"))).containsExactly(2L, 3L, 4L);
        }

        @Test
        void gtAndLtCompareIntegerAttributesAsNumbers() {
            assertThat(ids(filter("UserPriority", "gt", 2))).containsExactly(3L, 4L);
            assertThat(ids(filter("UserPriority", "lt", "3"))).containsExactly(1L, 2L);
        }

        @Test
        void inAndNotInTakeAListOfValues() {
            assertThat(ids(filters("Site", "in", "LCG.A.ch", "LCG.C.ch"))).containsExactly(1L, 3L);
            assertThat(ids(filters("UserPriority", "not in", 1, 2))).containsExactly(3L, 4L);
        }

        @Test
        void likeFilterUsesSqlWildcards() {
            assertThat(ids(filter("Site", "like", "LCG._.ch"))).containsExactly(1L, 2L, 3L, 4L);
            assertThat(ids(filter("JobName", "like", "job-%"))).containsExactly(1L, 2L, 3L);
            assertThat(ids(filter("JobName", "like", "job_4"))).containsExactly(4L);
        }

        @Test
        void likeTakesStarsQuestionMarksAndBackslashesLiterally() {
            assertThat(ids(filter("JobName", "like", "job*4"))).containsExactly(4L);
            assertThat(ids(filter("JobName", "like", "job*"))).isEmpty();
            assertThat(ids(filter("JobName", "like", "job?4"))).isEmpty();
            assertThat(ids(filter("JobName", "like", "\\%"))).isEmpty();
        }

        @Test
        void notLikeExcludesTheMatches() {
            assertThat(ids(filter("Site", "not like", "%.B.%"))).containsExactly(1L, 3L);
        }

        @Test
        void regexMatchesAnywhereInTheValueUnlessAnchored() {
            assertThat(ids(filter("JobName", "regex", "[12]$"))).containsExactly(1L, 2L);
            assertThat(ids(filter("JobName", "regex", "ob-"))).containsExactly(1L, 2L, 3L);
            assertThat(ids(filter("JobName", "regex", "^ob"))).isEmpty();
            assertThat(ids(filter("JobName", "regex", "^job-1$"))).containsExactly(1L);
        }

        @Test
        void regexAlternationMatchesEitherSideAnywhere() {
            assertThat(ids(filter("JobName", "regex", "-1|-3"))).containsExactly(1L, 3L);
        }

        @Test
        void anInvalidRegexIs400() {
            assertThat(refusal(filter("JobName", "regex", "(unclosed"))).isEqualTo("Invalid regex (unclosed");
        }

        @Test
        void textOperatorsOnAttributesThatAreNotTextAre400() {
            assertThat(refusal(filter("UserPriority", "like", "1%")))
                    .isEqualTo("Operator 'like' applies to text attributes, not to UserPriority (integer)");
            assertThat(refusal(filter("VerifiedFlag", "regex", "t.*"))).contains("VerifiedFlag (boolean)");
        }

        @Test
        void valuesOfTheWrongTypeForTheAttributeAre400() {
            assertThat(refusal(filter("UserPriority", "eq", "high"))).isEqualTo("UserPriority takes integers, not high");
            assertThat(refusal(filter("JobID", "gt", true))).isEqualTo("JobID takes integers, not true");
            assertThat(refusal(filter("VerifiedFlag", "eq", "maybe"))).isEqualTo("VerifiedFlag takes true or false, not maybe");
        }

        @Test
        void integerAndBooleanAttributesTakeTheirValuesAsTextToo() {
            assertThat(ids(filter("JobID", "eq", "2"))).containsExactly(2L);
            assertThat(ids(filter("JobID", "eq", 2.0))).containsExactly(2L);
            assertThat(ids(filter("VerifiedFlag", "eq", "FALSE"))).containsExactly(4L);
        }
    }

    @Nested
    class OnDates {

        @Test
        void eqMatchesTheWholePeriodOfAPartialValue() {
            assertThat(ids(filter("SubmissionTime", "eq", "2025"))).containsExactly(1L, 2L, 3L);
            assertThat(ids(filter("SubmissionTime", "eq", "2025-05"))).containsExactly(1L, 2L);
            assertThat(ids(filter("SubmissionTime", "eq", "2025-05-25 07"))).containsExactly(1L);
            assertThat(ids(filter("SubmissionTime", "eq", "2025-05-25T07:03:35"))).containsExactly(1L);
        }

        @Test
        void gtIsAfterThePeriodAndLtBeforeIt() {
            assertThat(ids(filter("SubmissionTime", "gt", "2025-05"))).containsExactly(3L);
            assertThat(ids(filter("SubmissionTime", "gt", "2025-05-25 07"))).containsExactly(2L, 3L);
            assertThat(ids(filter("SubmissionTime", "lt", "2025-05-25"))).containsExactly(4L);
        }

        @Test
        void neqExcludesThePeriod() {
            assertThat(ids(filter("SubmissionTime", "neq", "2025-05"))).containsExactly(3L, 4L);
        }

        @Test
        void inMatchesAnyOfThePeriodsAndNotInNone() {
            assertThat(ids(filters("SubmissionTime", "in", "2024", "2026"))).containsExactly(4L);
            assertThat(ids(filters("SubmissionTime", "in", "2024-12", "2025-06"))).containsExactly(3L, 4L);
            assertThat(ids(filters("SubmissionTime", "not in", "2024-12", "2025-06"))).containsExactly(1L, 2L);
        }

        @Test
        void anUnsetDateIsInNoPeriod() {
            assertThat(ids(filter("EndExecTime", "eq", "2025"))).containsExactly(3L);
            assertThat(ids(filter("EndExecTime", "lt", "2030"))).containsExactly(3L);
        }

        @Test
        void periodsOfDifferentPrecisionCannotBeMixed() {
            assertThat(refusal(filters("SubmissionTime", "in", "2024", "2025-06")))
                    .isEqualTo("Cannot mix different time resolutions in [2024, 2025-06]");
        }

        @Test
        void textOperatorsOnDatesAre400() {
            assertThat(refusal(filter("SubmissionTime", "like", "2025%")))
                    .isEqualTo("Operator 'like' is not supported for partial datetime values");
            assertThat(refusal(filter("SubmissionTime", "regex", "2025"))).contains("not supported");
        }

        @Test
        void aValueThatIsNoDateIs400() {
            assertThat(refusal(filter("SubmissionTime", "eq", "yesterday"))).startsWith("Cannot parse value='yesterday'");
        }
    }

    @Nested
    class OnParameters {

        @Test
        void eqMatchesTheExactText() {
            assertThat(ids(filter("HostName", "eq", "wn1.cern.ch"))).containsExactly(1L);
            assertThat(ids(filter("HostName", "eq", "wn1"))).isEmpty();
        }

        @Test
        void eqWithANumberMatchesItsText() {
            assertThat(ids(filter("LoadAverage", "eq", 10))).containsExactly(2L);
            assertThat(ids(filter("LoadAverage", "eq", 10.0))).containsExactly(2L);
            assertThat(ids(filter("LoadAverage", "eq", 9.5))).containsExactly(1L);
        }

        @Test
        void gtAndLtWithANumberCompareTheValuesThatAreNumbersNumerically() {
            // as text, "10" < "9.5" and "-2" < "10"
            assertThat(ids(filter("LoadAverage", "gt", 9.6))).containsExactly(2L);
            assertThat(ids(filter("LoadAverage", "gt", "9"))).containsExactly(1L, 2L);
            assertThat(ids(filter("LoadAverage", "lt", 0))).containsExactly(3L);
            assertThat(ids(filter("LoadAverage", "lt", "1e1"))).containsExactly(1L, 3L);
            assertThat(ids(filter("LoadAverage", "gt", -2))).containsExactly(1L, 2L);
            assertThat(ids(filter("CPU(s)", "gt", 6.99))).containsExactly(3L);
        }

        @Test
        void gtAndLtWithTextCompareText() {
            assertThat(ids(filter("HostName", "gt", "wn1"))).containsExactly(1L, 2L);
            assertThat(ids(filter("HostName", "lt", "wn2"))).containsExactly(1L);
            assertThat(ids(filter("GridCE", "lt", "z"))).containsExactly(2L);
        }

        @Test
        void textValuesAreNotNumbers() {
            assertThat(ids(filter("HostName", "gt", 0))).isEmpty();
            assertThat(ids(filter("HostName", "lt", 1e300))).isEmpty();
        }

        @Test
        void inAndNotInTakeAListOfValues() {
            assertThat(ids(filters("HostName", "in", "wn1.cern.ch", "wn9"))).containsExactly(1L);
            assertThat(ids(filters("LoadAverage", "in", 10, -2))).containsExactly(2L, 3L);
            assertThat(ids(filters("HostName", "not in", "wn1.cern.ch"))).containsExactly(2L);
        }

        @Test
        void likeFilterUsesSqlWildcards() {
            assertThat(ids(filter("HostName", "like", "wn_.cern.%"))).containsExactly(1L);
            assertThat(ids(filter("HostName", "like", "%"))).containsExactly(1L, 2L);
            assertThat(ids(filter("Note", "like", "50%"))).containsExactly(1L);
            assertThat(ids(filter("HostName", "like", "wn*"))).isEmpty();
        }

        @Test
        void regexMatchesAnywhereInTheValueUnlessAnchored() {
            assertThat(ids(filter("HostName", "regex", "cern"))).containsExactly(1L);
            assertThat(ids(filter("HostName", "regex", "^wn"))).containsExactly(1L, 2L);
            assertThat(ids(filter("HostName", "regex", "^cern"))).isEmpty();
            assertThat(ids(filter("HostName", "regex", "fr$"))).containsExactly(2L);
            assertThat(ids(filter("CPU(s)", "regex", "^7$"))).containsExactly(3L);
        }

        @Test
        void patternsAndRangesNeverMeetAnotherParametersValue() {
            // job 2's GridCE holds "cern", job 1's HostName does
            assertThat(ids(filter("GridCE", "like", "%cern%"))).containsExactly(2L);
            assertThat(ids(filter("HostName", "regex", "ce\\.cern"))).isEmpty();
            assertThat(ids(filter("GridCE", "gt", ""))).containsExactly(2L);
            assertThat(ids(filter("Note", "lt", 1e300))).isEmpty();
        }

        @Test
        void anAlternationInARegexStaysWithinTheParameter() {
            assertThat(ids(filter("HostName", "regex", "nothing|.*"))).containsExactly(1L, 2L);
            assertThat(ids(filter("HostName", "regex", "x|GridCE\u0000ce.*"))).isEmpty();
        }

        @Test
        void negatedOperatorsMatchOnlyJobsThatHaveTheParameter() {
            assertThat(ids(filter("HostName", "neq", "x"))).containsExactly(1L, 2L);
            assertThat(ids(filter("HostName", "not like", "%cern%"))).containsExactly(2L);
            assertThat(ids(filters("GridCE", "not in", "x"))).containsExactly(2L);
        }

        @ParameterizedTest
        @MethodSource("org.jobstream.query.search.SearchFiltersTest#everyOperator")
        void aFilterOnAParameterNobodyHasMatchesNothing(SearchSpec filter) {
            assertThat(ids(ADMIN, filter)).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("org.jobstream.query.search.SearchFiltersTest#everyOperatorOnSecret")
        void aFilterOnAParameterOnlyAnotherUsersJobHasMatchesNothingAsIfNobodyHadIt(SearchSpec filter) {
            assertThat(ids(ALICE, filter)).isEmpty();
        }

        @Test
        void anotherUsersParameterIsFoundByWhoeverSeesTheJob() {
            assertThat(ids(ADMIN, filter("Secret", "eq", "yes"))).containsExactly(5L);
            assertThat(ids(LHCB, filter("Secret", "like", "y%"))).containsExactly(5L);
        }

        @Test
        void aNameIsAnAttributeOnlyWithExactlyItsSpelling() {
            assertThat(ids(filter("status", "eq", "Running"))).isEmpty();
            assertThat(ids(filter("Status", "eq", "Running"))).containsExactly(1L);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "Status.keyword", "_id", "Parameters.*", "Status\" OR *", "1st", "a b",
            "JobID^10", "Status\u0000", "\u0435q", "__proto__"})
        void aNameThatIsNeitherAnAttributeNorAValidParameterNameIs400(String name) {
            assertThat(refusal(filter(name, "eq", "x"))).startsWith("Unknown column ")
                    .endsWith("not a job attribute, and not a job parameter name (a letter, then at most 99 letters, "
                            + "digits, '_', '(', ')' or '-')");
        }

        @Test
        void parameterNamesAreAtMostAHundredCharacters() {
            assertThat(ids(filter("p".repeat(100), "eq", "x"))).isEmpty();
            assertThat(refusal(filter("p".repeat(101), "eq", "x"))).startsWith("Unknown column ");
            assertThat(refusal(filter("p".repeat(5000), "eq", "x"))).contains("... (5000 characters)");
        }

        @Test
        void aValueLongerThanSearchCanSeeIsFoundByNoFilter() {
            IndexedJobs jobs = IndexedJobs.of(List.of(job(1).parameter("Out", "x".repeat(8_192)).document(),
                    job(2).parameter("Out", "x".repeat(8_191)).document()));

            assertThat(jobs.matching(SearchFilters.toQuery(List.of(filter("Out", "like", "x%")), ADMIN))).containsExactly(2L);
            assertThat(jobs.matching(SearchFilters.toQuery(List.of(filter("Out", "neq", "y")), ADMIN))).containsExactly(2L);
        }
    }

    @Nested
    class OnFilters {

        @Test
        void operatorsAreReadCaseInsensitively() {
            assertThat(ids(filter("JobName", "EQ", "job-1"))).containsExactly(1L);
            assertThat(ids(filter("Site", "Not Like", "%.B.%"))).containsExactly(1L, 3L);
        }

        @ParameterizedTest
        @ValueSource(strings = {"sounds like", "==", "", " eq", "not_in", "\u0130N", "eq\u200B"})
        void anUnknownOperatorIs400ListingTheOperators(String operator) {
            assertThat(refusal(filter("Status", operator, "Running")))
                    .isEqualTo("Unknown operator " + operator + " (use eq, neq, gt, lt, like, not like, regex, in, not in)");
        }

        @Test
        void scalarOperatorsTakeOneValueAndInAndNotInAList() {
            assertThat(refusal(SearchSpec.vector("JobName", "eq", List.of("x")))).isEqualTo("Operator eq takes one 'value'");
            assertThat(refusal(new SearchSpec("JobName", "in", "x", null))).isEqualTo("Operator in takes a list of 'values'");
            assertThat(refusal(new SearchSpec("JobName", "in", "x", List.of("x"))))
                    .isEqualTo("Operator in takes a list of 'values'");
            assertThat(refusal(new SearchSpec("HostName", "like", null, null))).isEqualTo("Operator like takes one 'value'");
        }

        @Test
        void aFilterNeedsAParameterAndAnOperator() {
            String needed = "A search filter needs a parameter and an operator";
            assertThat(refusal(new SearchSpec(null, "eq", "x", null))).isEqualTo(needed);
            assertThat(refusal(new SearchSpec("JobName", null, "x", null))).isEqualTo(needed);
            assertThatThrownBy(() -> SearchFilters.toQuery(Arrays.asList((SearchSpec) null), ALICE)).hasMessage(needed);
        }

        @Test
        void valuesAreStringsNumbersOrBooleans() {
            assertThat(refusal(filter("JobName", "eq", Map.of("match_all", Map.of()))))
                    .isEqualTo("A search value is a string or a number, not an object");
            assertThat(refusal(filters("JobName", "in", List.of("x")))).isEqualTo("A search value is a string or a number, not a list");
            assertThat(refusal(new SearchSpec("JobName", "in", null, Arrays.asList("x", null))))
                    .isEqualTo("A search value is a string or a number, not null");
            assertThat(refusal(filter("UserPriority", "gt", Double.POSITIVE_INFINITY)))
                    .isEqualTo("A search value is a finite number, not Infinity");
        }

        @Test
        void valuesAndListsAreBounded() {
            assertThat(refusal(filter("JobName", "eq", "x".repeat(FilterValues.MAX_VALUE_LENGTH + 1))))
                    .isEqualTo("A search value is at most 8191 characters long, not 8192");
            assertThat(ids(filter("JobName", "eq", "x".repeat(FilterValues.MAX_VALUE_LENGTH)))).isEmpty();
            assertThat(refusal(SearchSpec.vector("JobName", "in", IntStream.range(0, 10_001).mapToObj(i -> "n" + i).toList())))
                    .isEqualTo("Operator in takes at most 10000 values, not 10001");
        }

        @Test
        void aSearchMakesAtMostAThousandClauses() {
            List<SearchSpec> many = IntStream.range(0, 1_001).mapToObj(i -> filter("JobName", "neq", "n" + i)).toList();
            List<SearchSpec> dates = List.of(SearchSpec.vector("SubmissionTime", "in",
                    IntStream.range(1000, 2001).mapToObj(String::valueOf).toList()));

            assertThatThrownBy(() -> SearchFilters.toQuery(many, ALICE)).hasMessage(
                    "Search too large: 1001 clauses (filters and date-time values), at most 1000");
            assertThatThrownBy(() -> SearchFilters.toQuery(dates, ALICE)).hasMessageStartingWith("Search too large: 1001 clauses");
            assertThat(JOBS.matching(SearchFilters.toQuery(many.subList(0, 1_000), ALICE))).containsExactly(1L, 2L, 3L, 4L);
        }

        @Test
        void everyFilterMustMatch() {
            assertThat(ids(filter("Site", "eq", "LCG.A.ch"), filter("HostName", "like", "wn%"))).containsExactly(1L);
        }

        @Test
        void aRegexLongerThanElasticsearchRunsIs400() {
            assertThat(refusal(filter("JobName", "regex", "a".repeat(996)))).isEqualTo(
                    "Regex too long: at most 1000 characters as Elasticsearch runs it, not 1002");
            assertThat(ids(filter("JobName", "regex", "a".repeat(990)))).isEmpty();
        }
    }

    @Nested
    class Visibility {

        @Test
        void aUserSeesOnlyTheirOwnJobs() {
            assertThat(ids(ALICE)).containsExactly(1L, 2L, 3L, 4L);
        }

        @Test
        void aUserOfAVoThatSharesJobInformationSeesTheVosJobs() {
            assertThat(ids(LHCB)).containsExactly(1L, 2L, 3L, 4L, 5L);
        }

        @Test
        void anAdministratorSeesEveryJob() {
            assertThat(ids(ADMIN)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        }

        @Test
        void filtersNeverWidenWhatAUserSees() {
            assertThat(ids(ALICE, filter("Owner", "eq", "bob"))).isEmpty();
            assertThat(ids(ALICE, filter("Owner", "neq", "alice"))).isEmpty();
            assertThat(ids(ALICE, filter("VO", "eq", "atlas"))).isEmpty();
        }
    }

    static Stream<SearchSpec> everyOperator() {
        return operators("Nope");
    }

    static Stream<SearchSpec> everyOperatorOnSecret() {
        return operators("Secret");
    }

    private static Stream<SearchSpec> operators(String name) {
        return Stream.of(filter(name, "eq", "yes"), filter(name, "neq", "x"), filter(name, "gt", 0), filter(name, "lt", 1),
                filter(name, "gt", ""), filter(name, "lt", "zzz"), filter(name, "like", "%"), filter(name, "not like", "x"),
                filter(name, "regex", ".*"), filters(name, "in", "yes"), filters(name, "not in", "x"));
    }

    private static SearchSpec filter(String parameter, String operator, Object value) {
        return SearchSpec.scalar(parameter, operator, value);
    }

    private static SearchSpec filters(String parameter, String operator, Object... values) {
        return SearchSpec.vector(parameter, operator, Arrays.asList(values));
    }

    private static List<Long> ids(SearchSpec... filters) {
        return ids(ALICE, filters);
    }

    private static List<Long> ids(JobVisibility visibility, SearchSpec... filters) {
        return JOBS.matching(SearchFilters.toQuery(List.of(filters), visibility));
    }

    private static String refusal(SearchSpec filter) {
        try {
            SearchFilters.toQuery(List.of(filter), ALICE);
        } catch (Refused e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused: " + filter);
    }
}
