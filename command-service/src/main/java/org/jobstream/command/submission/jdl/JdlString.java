package org.jobstream.command.submission.jdl;

import java.util.Objects;

/**
 * A quoted JDL string literal such as {@code "dirac-jobexec"}. The record holds the unescaped
 * content: in JDL text {@code \"} stands for a quote and {@code \\} for a backslash.
 */
public record JdlString(String value) implements JdlValue {

    public JdlString {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String asText() {
        return value;
    }
}
