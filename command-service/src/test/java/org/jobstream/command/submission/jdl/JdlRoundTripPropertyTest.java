package org.jobstream.command.submission.jdl;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JdlRoundTripPropertyTest {

    @Property(tries = 500)
    void parsingThePrintedFormGivesTheSameClassAd(@ForAll("classAds") ClassAd ad) {
        assertThat(JdlParser.parse(JdlPrinter.print(ad))).isEqualTo(ad);
    }

    @Property(tries = 200)
    void parsingTheSortedFormGivesTheSortedClassAd(@ForAll("classAds") ClassAd ad) {
        assertThat(JdlParser.parse(JdlPrinter.printSorted(ad))).isEqualTo(ad.sorted());
    }

    @Property(tries = 200)
    void printingIsStableAfterOneRoundTrip(@ForAll("classAds") ClassAd ad) {
        String printed = JdlPrinter.print(ad);

        assertThat(JdlPrinter.print(JdlParser.parse(printed))).isEqualTo(printed);
    }

    @Property(tries = 1000)
    void arbitraryTextEitherParsesOrThrowsJdlSyntaxException(@ForAll("jdlLikeText") String text) {
        parseAllowingOnlySyntaxErrors(text);
    }

    @Property(tries = 300)
    void arbitraryUnicodeEitherParsesOrThrowsJdlSyntaxException(@ForAll String text) {
        parseAllowingOnlySyntaxErrors(text);
    }

    @Property(tries = 500)
    void damagedValidJdlEitherParsesOrThrowsJdlSyntaxException(@ForAll("damagedJdl") String text) {
        parseAllowingOnlySyntaxErrors(text);
    }

    private static void parseAllowingOnlySyntaxErrors(String text) {
        try {
            ClassAd ad = JdlParser.parse(text);
            assertThat(ad.isEmpty()).isFalse();
            assertThat(JdlParser.parse(JdlPrinter.print(ad))).isEqualTo(ad);
        } catch (JdlSyntaxException expected) {
            assertThat(expected.line()).isPositive();
            assertThat(expected.column()).isPositive();
        }
    }

    @Provide
    Arbitrary<ClassAd> classAds() {
        return JdlArbitraries.classAds();
    }

    /** Text made of JDL tokens in random order, so that the parser's error paths are reached. */
    @Provide
    Arbitrary<String> jdlLikeText() {
        Arbitrary<String> token = Arbitraries.of("[", "]", "{", "}", "\"", "=", ";", ",", "\\", "/", "*", "#",
                "//", "/*", "*/", "\n", " ", "A", "Name.x", "1", "\"s\"", "'", "%s", "é");
        return token.list().ofMaxSize(40).map(tokens -> String.join("", tokens));
    }

    /** A printed ClassAd with one character deleted, inserted or replaced. */
    @Provide
    Arbitrary<String> damagedJdl() {
        Arbitrary<Character> noise = Arbitraries.of('[', ']', '{', '}', '"', '=', ';', ',', '\\', '/', '*', '#', '\n', 'x');
        return Combinators.combine(JdlArbitraries.classAds().map(JdlPrinter::print),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE), noise, Arbitraries.integers().between(0, 2))
                .as((text, where, c, how) -> {
                    int i = where % (text.length() + 1);
                    return switch (how) {
                        case 0 -> text.substring(0, i) + c + text.substring(i);
                        case 1 -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text;
                        default -> i < text.length() ? text.substring(0, i) + c + text.substring(i + 1) : text;
                    };
                });
    }
}
