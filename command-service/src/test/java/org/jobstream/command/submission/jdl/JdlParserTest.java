package org.jobstream.command.submission.jdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdlParserTest {

    static final String DIRACX_TEST_JDL = "Executable = \"dirac-jobexec\";\n"
            + "Arguments = \"jobDescription.xml -o LogLevel=INFO\";\n"
            + "JobName = jobName;\n"
            + "JobGroup = jobGroup;\n"
            + "JobType = User;\n"
            + "OutputSandbox = {Script1_CodeOutput.log, std.err, std.out};\n"
            + "Priority = 1;\n"
            + "Site = ANY;\n"
            + "StdError = std.err;\n"
            + "StdOutput = std.out;";

    private static JdlSyntaxException syntaxError(String jdl) {
        return catchThrowableOfType(JdlSyntaxException.class, () -> JdlParser.parse(jdl));
    }

    @Nested
    class Accepts {

        @Test
        void diracxTestJdlWithoutBrackets() {
            ClassAd ad = JdlParser.parse(DIRACX_TEST_JDL);

            assertThat(ad.names()).containsExactly("Executable", "Arguments", "JobName", "JobGroup", "JobType",
                    "OutputSandbox", "Priority", "Site", "StdError", "StdOutput");
            assertThat(ad.get("Executable")).contains(new JdlString("dirac-jobexec"));
            assertThat(ad.get("Arguments")).contains(new JdlString("jobDescription.xml -o LogLevel=INFO"));
            assertThat(ad.get("JobType")).contains(new JdlWord("User"));
            assertThat(ad.get("Priority")).contains(new JdlWord("1"));
            assertThat(ad.get("OutputSandbox")).contains(JdlValue.list(
                    new JdlWord("Script1_CodeOutput.log"), new JdlWord("std.err"), new JdlWord("std.out")));
        }

        @Test
        void bracketedJdlEqualsUnbracketedOne() {
            assertThat(JdlParser.parse("\n[\n" + DIRACX_TEST_JDL + "\n]\n")).isEqualTo(JdlParser.parse(DIRACX_TEST_JDL));
        }

        @Test
        void minimalJdl() {
            assertThat(JdlParser.parse("Executable = \"echo\";").get("Executable")).contains(new JdlString("echo"));
        }

        @Test
        void lastSemicolonIsOptional() {
            assertThat(JdlParser.parse("[A = 1; B = \"x\"]").names()).containsExactly("A", "B");
            assertThat(JdlParser.parse("A = 1; B = x").names()).containsExactly("A", "B");
        }

        @Test
        void strayEmptyStatementsAreIgnored() {
            assertThat(JdlParser.parse("[ ; A = 1;; ; B = 2; ]").names()).containsExactly("A", "B");
        }

        @Test
        void whitespaceAndNewlinesAnywhereBetweenTokens() {
            ClassAd ad = JdlParser.parse("\t[\r\n A\n=\n{ a ,\n\"b\"\n}\n;\nB=[C\n=\n3]\n]\n\n");

            assertThat(ad.get("A")).contains(JdlValue.list(new JdlWord("a"), new JdlString("b")));
            assertThat(ad.getClassAd("B").flatMap(b -> b.getInt("C"))).contains(3);
        }

        @Test
        void attributeNamesWithDotsDigitsAndUnderscores() {
            ClassAd ad = JdlParser.parse("Parameters.InputData = {a}; JOB_ID2 = 1;");

            assertThat(ad.names()).containsExactly("Parameters.InputData", "JOB_ID2");
        }

        @Test
        void stringEscapesForQuoteAndBackslash() {
            ClassAd ad = JdlParser.parse("A = \"say \\\"hi\\\" C:\\\\dir\";");

            assertThat(ad.getString("A")).contains("say \"hi\" C:\\dir");
        }

        @Test
        void otherBackslashesStayLiteral() {
            assertThat(JdlParser.parse("A = \"a\\nb\\d\";").getString("A")).contains("a\\nb\\d");
        }

        @Test
        void stringsKeepSemicolonsBracketsAndNewlines() {
            ClassAd ad = JdlParser.parse("A = \"x; y = [z] {w}\nnext line\"; B = 2");

            assertThat(ad.getString("A")).contains("x; y = [z] {w}\nnext line");
            assertThat(ad.getInt("B")).contains(2);
        }

        @Test
        void numbersAndSpecialWordsAreKeptAsRawText() {
            ClassAd ad = JdlParser.parse("A = 1.5; B = -3; C = true; D = 1e6; E = /lhcb/data/f.dst; F = %(JOB_ID)s;");

            assertThat(ad.attributes()).extracting(ClassAd.Attribute::value).containsExactly(
                    new JdlWord("1.5"), new JdlWord("-3"), new JdlWord("true"), new JdlWord("1e6"),
                    new JdlWord("/lhcb/data/f.dst"), new JdlWord("%(JOB_ID)s"));
        }

        @Test
        void nestedListsAndEmptyList() {
            ClassAd ad = JdlParser.parse("A = {{/d/1, /d/2}, {/d/3}}; B = {};");

            assertThat(ad.get("A")).contains(JdlValue.list(
                    JdlValue.list(new JdlWord("/d/1"), new JdlWord("/d/2")), JdlValue.list(new JdlWord("/d/3"))));
            assertThat(ad.get("B")).contains(new JdlList(List.of()));
        }

        @Test
        void nestedClassAdsInAttributesAndLists() {
            ClassAd ad = JdlParser.parse("[ Req = [ Owner = \"me\"; CPUTime = 10 ]; L = {[X = 1], 2} ]");

            ClassAd req = ad.getClassAd("Req").orElseThrow();
            assertThat(req.getString("Owner")).contains("me");
            assertThat(ad.get("L")).contains(JdlValue.list(
                    new JdlNested(ClassAd.empty().withNumber("X", 1)), new JdlWord("2")));
        }

        @Test
        void commentsOfAllThreeKinds() {
            String jdl = """
                    // a line comment before the ClassAd
                    [
                        # a hash comment at the start of a line
                        Executable = "echo"; // trailing comment
                        /* a block
                           comment */ Arguments = /* inside */ "hi";
                      # indented hash comment
                        OutputSandbox = { a, // comment in a list
                                          b };
                    ]
                    // and after
                    """;

            ClassAd ad = JdlParser.parse(jdl);

            assertThat(ad.names()).containsExactly("Executable", "Arguments", "OutputSandbox");
            assertThat(ad.getList("OutputSandbox")).containsExactly("a", "b");
        }

        @Test
        void commentMarkersInsideStringsAreText() {
            ClassAd ad = JdlParser.parse("A = \"http://host/x # not /* a comment\";");

            assertThat(ad.getString("A")).contains("http://host/x # not /* a comment");
        }

        @Test
        void hashInsideAWordIsText() {
            assertThat(JdlParser.parse("A = x#1; B = #2;").attributes()).extracting(ClassAd.Attribute::value)
                    .containsExactly(new JdlWord("x#1"), new JdlWord("#2"));
        }

        @Test
        void jdlAtTheSizeLimitIsParsed() {
            String prefix = "A = \"";
            String jdl = prefix + "x".repeat(JdlParser.MAX_JDL_LENGTH - prefix.length() - 1) + "\"";

            assertThat(jdl).hasSize(JdlParser.MAX_JDL_LENGTH);
            assertThat(JdlParser.parse(jdl).getString("A")).hasValueSatisfying(v -> assertThat(v).hasSize(jdl.length() - 6));
        }

        @Test
        void nestingUpToTheLimit() {
            String lists = "{".repeat(JdlParser.MAX_DEPTH - 1) + "x" + "}".repeat(JdlParser.MAX_DEPTH - 1);

            assertThat(JdlParser.parse("A = " + lists).contains("A")).isTrue();
        }
    }

    @Nested
    class Rejects {

        @Test
        void diracxMalformedJdlWithQuotedBody() {
            JdlSyntaxException e = syntaxError("\n[\n    'Executable = \"echo\";'\n]\n");

            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(5);
            assertThat(e.reason()).isEqualTo("expected an attribute name but found '''");
        }

        @Test
        void unterminatedStringReportsLineAndColumn() {
            JdlSyntaxException e = syntaxError("[\n  A = 1;\n  Executable = \"echo;\n  B = 2;\n]");

            assertThat(e).hasMessage("line 3, column 16: unterminated string");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(16);
        }

        @Test
        void stringEndingWithAnEscapedQuoteIsUnterminated() {
            assertThat(syntaxError("A = \"abc\\\";").reason()).isEqualTo("unterminated string");
        }

        @Test
        void listNotClosedAtEndOfInput() {
            JdlSyntaxException e = syntaxError("A = {a, b");

            assertThat(e.reason()).isEqualTo("list not closed (opened at line 1, column 5)");
            assertThat(e.column()).isEqualTo(10);
        }

        @Test
        void listClosedBySemicolonInsteadOfBrace() {
            assertThat(syntaxError("A = {a, b; B = 1;").reason())
                    .isEqualTo("list not closed (opened at line 1, column 5): expected ',' or '}' but found ';'");
        }

        @Test
        void listItemsWithoutComma() {
            assertThat(syntaxError("A = {a b};").reason()).contains("expected ',' or '}' but found 'b'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"A = {a,, b};", "A = {, a};", "A = {a, };"})
        void emptyListItems(String jdl) {
            assertThat(syntaxError(jdl).reason()).isEqualTo("empty list item");
        }

        @Test
        void missingEquals() {
            JdlSyntaxException e = syntaxError("A = 1;\nExecutable \"echo\";");

            assertThat(e).hasMessage("line 2, column 12: missing '=' after attribute name Executable");
        }

        @Test
        void nameAloneAtEndIsMissingEquals() {
            assertThat(syntaxError("A = 1; B").reason()).isEqualTo("missing '=' after attribute name B");
        }

        @ParameterizedTest
        @ValueSource(strings = {"A = ;", "A =", "[A = ]", "A = 1; B = ;"})
        void emptyValue(String jdl) {
            assertThat(syntaxError(jdl).reason()).startsWith("empty value for attribute ");
        }

        @Test
        void emptyName() {
            JdlSyntaxException e = syntaxError("A = 1;\n  = 2;");

            assertThat(e).hasMessage("line 2, column 3: empty attribute name");
        }

        @Test
        void duplicateAttribute() {
            JdlSyntaxException e = syntaxError("A = 1;\nA = 2;");

            assertThat(e).hasMessage("line 2, column 1: duplicate attribute A");
        }

        @Test
        void duplicateAttributeIgnoringCase() {
            assertThat(syntaxError("JobName = a; jobname = b;").reason())
                    .isEqualTo("duplicate attribute jobname (same as JobName)");
        }

        @Test
        void duplicatesAreCheckedInsideNestedClassAds() {
            assertThat(syntaxError("R = [X = 1; x = 2];").reason()).startsWith("duplicate attribute x");
        }

        @Test
        void missingClosingBracket() {
            assertThat(syntaxError("[ A = 1;").reason()).isEqualTo("missing ']' to close the '[' at line 1, column 1");
        }

        @Test
        void unbalancedClosingBracket() {
            assertThat(syntaxError("A = 1; ]").reason()).isEqualTo("unbalanced ']'");
        }

        @Test
        void nestedClassAdNotClosed() {
            assertThat(syntaxError("[ R = [ A = 1; ]").reason()).isEqualTo("missing ']' to close the '[' at line 1, column 1");
            assertThat(syntaxError("R = [ A = 1;").reason()).isEqualTo("missing ']' to close the '[' at line 1, column 5");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[A = 1] B = 2", "[A = 1]]", "[A = 1];", "[A = 1] [B = 2]"})
        void trailingGarbageAfterClosingBracket(String jdl) {
            assertThat(syntaxError(jdl).reason()).isEqualTo("unexpected text after the closing ']'");
        }

        @Test
        void trailingGarbageAfterAValue() {
            JdlSyntaxException e = syntaxError("A = \"x\" y;");

            assertThat(e).hasMessage("line 1, column 9: expected ';' after the value of A but found 'y'");
        }

        @Test
        void bareWordsWithSpacesNeedQuotes() {
            assertThat(syntaxError("Arguments = -o LogLevel;").reason())
                    .isEqualTo("expected ';' after the value of Arguments but found 'L'");
        }

        @Test
        void unexpectedCharacterAsValue() {
            assertThat(syntaxError("A = = 1;").reason()).isEqualTo("unexpected '='");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   \n\t", "[]", "[ ; ]", "// just a comment", "/* c */ [ ]"})
        void emptyJdl(String jdl) {
            assertThat(syntaxError(jdl)).hasMessage("line 1, column 1: empty JDL: no attribute");
        }

        @Test
        void unterminatedBlockComment() {
            assertThat(syntaxError("A = 1;\n /* open").reason()).isEqualTo("unterminated comment");
        }

        @Test
        @Timeout(value = 2, unit = TimeUnit.SECONDS)
        void tenMegabyteJdlIsRejectedQuicklyWithTheSizeError() {
            String huge = "A = \"" + "x".repeat(10 * 1024 * 1024) + "\";";

            JdlSyntaxException e = syntaxError(huge);

            assertThat(e.reason()).isEqualTo("JDL is too long: " + huge.length() + " characters, the limit is "
                    + JdlParser.MAX_JDL_LENGTH);
            assertThat(e.line()).isEqualTo(1);
        }

        @Test
        void oneCharacterOverTheLimitIsRejected() {
            assertThat(syntaxError("A=" + "x".repeat(JdlParser.MAX_JDL_LENGTH - 1)).reason()).startsWith("JDL is too long");
        }

        @Test
        void nestingBeyondTheLimit() {
            String lists = "{".repeat(JdlParser.MAX_DEPTH) + "x" + "}".repeat(JdlParser.MAX_DEPTH);

            assertThat(syntaxError("A = " + lists).reason()).isEqualTo("nesting deeper than 10 levels");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{", "[", "[A=", "[A={"})
        @Timeout(value = 5, unit = TimeUnit.SECONDS)
        void hugelyNestedInputFailsWithoutStackOverflow(String unit) {
            String deep = "A = " + unit.repeat(JdlParser.MAX_JDL_LENGTH / unit.length() - 8);

            assertThatThrownBy(() -> JdlParser.parse(deep)).isInstanceOf(JdlSyntaxException.class);
        }
    }
}
