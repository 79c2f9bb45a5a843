package org.jobstream.command.submission.jdl;

import java.util.List;

/**
 * The value of one JDL attribute, as written by the user.
 *
 * <p>DIRAC keeps JDL values as raw text and re-parses them at every use; Jobstream parses them
 * once into this small closed set of shapes so that parametric expansion, manifest checks and
 * printing work on structure instead of on string surgery. The four shapes are those a JDL can
 * spell: a quoted {@link JdlString string}, a bare {@link JdlWord word or number}, a
 * {@link JdlList list} and a {@link JdlNested nested ClassAd}.
 */
public sealed interface JdlValue permits JdlString, JdlWord, JdlList, JdlNested {

    /**
     * The value read as text, the way DIRAC reads an attribute "as a string": a string's content,
     * a word's raw text; lists and nested ClassAds give their canonical one-line JDL form.
     */
    String asText();

    /** A quoted string literal. */
    static JdlValue string(String text) {
        return new JdlString(text);
    }

    /** A bare word or number, kept as its raw text. */
    static JdlValue word(String raw) {
        return new JdlWord(raw);
    }

    /** An integer, written as a bare number. */
    static JdlValue number(long value) {
        return new JdlWord(Long.toString(value));
    }

    /** A list of values. */
    static JdlValue list(JdlValue... items) {
        return new JdlList(List.of(items));
    }

    /**
     * Text that came out of a substitution: a bare word when it can still be written as one
     * (so {@code JOB_ID = %s} stays a number), otherwise a quoted string.
     */
    static JdlValue wordOrString(String text) {
        return JdlWord.isValid(text) ? new JdlWord(text) : new JdlString(text);
    }
}
