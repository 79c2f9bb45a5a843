package org.jobstream.command.submission.jdl;

import java.util.List;

/**
 * A JDL list such as {@code {Script1_CodeOutput.log, "std.err", 3, {x, y}}}. Items keep their
 * own kind; lists may nest (list-of-lists parameters use that).
 */
public record JdlList(List<JdlValue> items) implements JdlValue {

    public JdlList {
        items = List.copyOf(items);
    }

    @Override
    public String asText() {
        return JdlPrinter.printValue(this);
    }
}
