package org.jobstream.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Text in a JSON body that no store could keep faithfully. */
class JsonTextTest {

    private static java.util.Optional<String> problem(String json) {
        return JsonText.problem(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ordinaryTextAndPairedSurrogatesAreFine() {
        assertThat(problem("[\"Executable = \\\"echo\\\"; JobName = \\\"ü \\ud83d\\ude00\\\";\"]")).isEmpty();
        assertThat(problem("{\"a\": \"\\u00e9 \\n \\\\u0000 \\\\ud800\"}")).as("escaped backslashes are text").isEmpty();
        assertThat(problem("{\"a\": \"😀\"}")).isEmpty();
        assertThat(problem("")).isEmpty();
    }

    @Test
    void aLoneHighOrLowSurrogateIsRefused() {
        assertThat(problem("[\"JobName = \\ud800;\"]")).hasValueSatisfying(p -> assertThat(p).contains("\\ud800"));
        assertThat(problem("[\"\\udfff\"]")).hasValueSatisfying(p -> assertThat(p).contains("\\udfff"));
        assertThat(problem("[\"\\ud800\\u0041\"]")).isPresent();
        assertThat(problem("[\"\\ud800\"]")).isPresent();
        assertThat(problem("{\"\\ud800\": 1}")).as("in a key too").isPresent();
    }

    @Test
    void nulIsRefused() {
        assertThat(problem("{\"MinorStatus\": \"a\\u0000b\"}")).hasValueSatisfying(p -> assertThat(p).contains("NUL"));
    }

    @Test
    void aBrokenEscapeIsRefused() {
        assertThat(problem("[\"\\u12\"]")).isPresent();
    }
}
