package org.jobstream.command.submission.jdl;

import java.util.List;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of JDL values and ClassAds for the property tests. */
final class JdlArbitraries {

    /** Nesting kept below the parser's limit: outer ClassAd + this many nested levels. */
    static final int MAX_GENERATED_DEPTH = 4;

    private JdlArbitraries() {
    }

    static Arbitrary<ClassAd> classAds() {
        return classAds(MAX_GENERATED_DEPTH, 1);
    }

    /** ClassAds with attributes nested at most {@code depth} levels below them. */
    static Arbitrary<ClassAd> classAds(int depth, int minSize) {
        return Combinators.combine(
                        names().list().ofMinSize(minSize).ofMaxSize(6).uniqueElements(n -> n.toLowerCase(Locale.ROOT)),
                        values(depth).list().ofSize(6))
                .as(JdlArbitraries::classAd);
    }

    private static ClassAd classAd(List<String> names, List<JdlValue> values) {
        ClassAd.Builder builder = ClassAd.builder();
        for (int i = 0; i < names.size(); i++) {
            builder.add(names.get(i), values.get(i));
        }
        return builder.build();
    }

    static Arbitrary<String> names() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z').with('_');
        Arbitrary<String> rest = Arbitraries.strings().alpha().numeric().withChars("_.").ofMaxLength(12);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    /** Any value nested at most {@code depth} levels. */
    static Arbitrary<JdlValue> values(int depth) {
        if (depth <= 0) {
            return scalars();
        }
        Arbitrary<JdlValue> lists = Arbitraries.lazy(() -> values(depth - 1)).list().ofMaxSize(4).map(JdlList::new);
        Arbitrary<JdlValue> nested = Arbitraries.lazy(() -> classAds(depth - 1, 0)).map(JdlNested::new);
        return Arbitraries.frequencyOf(Tuple.of(6, scalars()), Tuple.of(2, lists), Tuple.of(1, nested));
    }

    static Arbitrary<JdlValue> scalars() {
        return Arbitraries.oneOf(strings().map(JdlString::new), words().map(JdlWord::new));
    }

    /** Strings full of the characters a printer must get right. */
    static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.strings().withChars("\"\\;=[]{},#/*\n\t %sé日\uD83D\uDE00").ofMaxLength(20),
                Arbitraries.strings().ascii().ofMaxLength(20));
    }

    /** Bare words: identifiers, numbers, paths, placeholders and odd but legal characters. */
    static Arbitrary<String> words() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars("._-/%()+:@#*'!?<>|&^~$é").ofMinLength(1).ofMaxLength(15),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "ANY", "User", "%s", "%(JOB_ID)s", "%n", "%j", "/lhcb/data/f.dst"))
                .filter(JdlWord::isValid);
    }
}
