package org.jobstream.command.submission.jdl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdlPrinterTest {

    @Test
    void printsOneAttributePerLineInClassAdOrder() {
        ClassAd ad = JdlParser.parse(JdlParserTest.DIRACX_TEST_JDL);

        assertThat(JdlPrinter.print(ad)).isEqualTo("""
                [
                    Executable = "dirac-jobexec";
                    Arguments = "jobDescription.xml -o LogLevel=INFO";
                    JobName = jobName;
                    JobGroup = jobGroup;
                    JobType = User;
                    OutputSandbox = {Script1_CodeOutput.log, std.err, std.out};
                    Priority = 1;
                    Site = ANY;
                    StdError = std.err;
                    StdOutput = std.out;
                ]""");
    }

    @Test
    void quotesAndEscapesStrings() {
        ClassAd ad = ClassAd.empty().withString("A", "say \"hi\" in C:\\dir; {ok}");

        assertThat(JdlPrinter.print(ad)).isEqualTo("[\n    A = \"say \\\"hi\\\" in C:\\\\dir; {ok}\";\n]");
    }

    @Test
    void printsListItemsByTheirOwnKind() {
        ClassAd ad = ClassAd.empty().with("L", JdlValue.list(new JdlString("a"), new JdlWord("b"), JdlValue.number(3),
                JdlValue.list(new JdlWord("x"), new JdlString("y")), new JdlList(java.util.List.of())));

        assertThat(JdlPrinter.print(ad)).isEqualTo("[\n    L = {\"a\", b, 3, {x, \"y\"}, {}};\n]");
    }

    @Test
    void indentsNestedClassAdsAndInlinesThemInLists() {
        ClassAd requirements = ClassAd.empty().withString("Owner", "me").withNumber("CPUTime", 100);
        ClassAd ad = ClassAd.empty()
                .with("JobRequirements", new JdlNested(requirements))
                .with("L", JdlValue.list(new JdlNested(requirements), new JdlNested(ClassAd.empty())));

        assertThat(JdlPrinter.print(ad)).isEqualTo("""
                [
                    JobRequirements = [
                        Owner = "me";
                        CPUTime = 100;
                    ];
                    L = {[ Owner = "me"; CPUTime = 100 ], []};
                ]""");
    }

    @Test
    void printSortedSortsAttributesByNameAtEveryLevel() {
        ClassAd ad = JdlParser.parse("Site = ANY; Executable = x; JobRequirements = [ Owner = a; CPUTime = 1 ];");

        assertThat(JdlPrinter.printSorted(ad)).isEqualTo("""
                [
                    Executable = x;
                    JobRequirements = [
                        CPUTime = 1;
                        Owner = a;
                    ];
                    Site = ANY;
                ]""");
    }

    @Test
    void printedTextParsesBackToTheSameClassAd() {
        ClassAd ad = JdlParser.parse("[ A = \"q\\\"\\\\\"; B = {{1, 2}, [C = \"d\"]}; E = [F = [G = h]] ]");

        assertThat(JdlParser.parse(JdlPrinter.print(ad))).isEqualTo(ad);
    }

    @Test
    void printValueGivesTheOneLineForm() {
        assertThat(JdlPrinter.printValue(JdlValue.list(new JdlString("a\"b"), new JdlWord("c")))).isEqualTo("{\"a\\\"b\", c}");
    }
}
