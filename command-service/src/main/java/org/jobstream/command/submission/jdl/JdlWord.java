package org.jobstream.command.submission.jdl;

import java.util.Objects;

/**
 * A bare JDL word or number ({@code User}, {@code ANY}, {@code 3}, {@code 1.5}, {@code true},
 * {@code /lhcb/data/file}), kept as its raw text. DIRAC treats bare words as strings, so
 * Jobstream keeps them verbatim and lets the reader decide (see {@link ClassAd#getInt}).
 *
 * <p>The raw text must be something the parser reads back as one word: not empty, no
 * whitespace, none of {@code ; , { } [ ] " =} and no comment opener ({@code //} or
 * {@code /*}).
 */
public record JdlWord(String raw) implements JdlValue {

    public JdlWord {
        Objects.requireNonNull(raw, "raw");
        if (!isValid(raw)) {
            throw new IllegalArgumentException("not a bare JDL word: '" + raw + "'");
        }
    }

    /** Whether {@code text} can be written as a bare word and read back unchanged. */
    public static boolean isValid(String text) {
        if (text == null || text.isEmpty() || text.contains("//") || text.contains("/*")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!JdlChars.isWordChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String asText() {
        return raw;
    }
}
