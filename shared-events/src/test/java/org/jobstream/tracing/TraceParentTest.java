package org.jobstream.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidHeaderReadsBackAsItWasWritten() {
        TraceParent parent = TraceParent.parse(VALID).orElseThrow();

        assertThat(parent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parent.flags()).isEqualTo("01");
        assertThat(parent).hasToString(VALID);
        assertThat(TraceParent.parse("  " + VALID + " ")).contains(parent);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "garbage", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"})
    void anythingElseIsNoTraceParent(String value) {
        assertThat(TraceParent.parse(value)).isEmpty();
    }

    @Test
    void aNewTraceAndItsChildShareTheTraceIdNotTheSpan() {
        TraceParent root = TraceParent.newTrace();
        TraceParent child = root.child();

        assertThat(TraceParent.parse(root.toString())).contains(root);
        assertThat(child.traceId()).isEqualTo(root.traceId());
        assertThat(child.parentId()).isNotEqualTo(root.parentId());
        assertThat(child.flags()).isEqualTo("01");
        assertThat(TraceParent.newTrace().traceId()).isNotEqualTo(root.traceId());
    }

    @Test
    void theConstructorRefusesWhatTheFormatForbids() {
        assertThatThrownBy(() -> new TraceParent("xyz", "00f067aa0ba902b7", "01"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
