package org.jobstream.projections.rebuild;

/** Where a rebuild or check reports what it is doing: the operator's stream and the service log. */
@FunctionalInterface
public interface Progress {

    void line(String text);
}
