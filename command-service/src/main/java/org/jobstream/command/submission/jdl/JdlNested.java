package org.jobstream.command.submission.jdl;

import java.util.Objects;

/**
 * A nested ClassAd value {@code [ Name = value; ... ]}, as used by {@code JobRequirements}.
 */
public record JdlNested(ClassAd classAd) implements JdlValue {

    public JdlNested {
        Objects.requireNonNull(classAd, "classAd");
    }

    @Override
    public String asText() {
        return JdlPrinter.printValue(this);
    }
}
