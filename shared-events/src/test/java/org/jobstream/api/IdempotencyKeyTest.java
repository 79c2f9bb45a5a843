package org.jobstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.jobstream.errors.Invalid;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void noHeaderIsNoKey() {
        assertThat(IdempotencyKey.fromHeader(null)).isEmpty();
    }

    @Test
    void aUuidTheDraftsQuotedFormAndEveryVisibleAsciiCharacterAreKeys() {
        StringBuilder visible = new StringBuilder();
        for (char c = '!'; c <= '~'; c++) {
            visible.append(c);
        }
        for (String key : List.of("8e03978e-40d5-43e8-bc93-6894a57f9324", "\"8e03978e-40d5-43e8\"", "k",
                visible.toString(), "x".repeat(IdempotencyKey.MAX_LENGTH))) {
            assertThat(IdempotencyKey.fromHeader(key)).as(key).contains(new IdempotencyKey(key));
        }
    }

    @Test
    void anEmptyOrTooLongKeyOrOneWithSpacesControlsOrNonAsciiIs422AtTheHeader() {
        for (String key : List.of("", "x".repeat(IdempotencyKey.MAX_LENGTH + 1), "a b", " a", "a\t", "a\u0000b",
                "a\u007fb", "clé", "\u2603")) {
            assertThatThrownBy(() -> IdempotencyKey.fromHeader(key)).as(key)
                    .isInstanceOfSatisfying(Invalid.class, invalid -> {
                        Map<String, Object> entry = invalid.errors().get(0);
                        assertThat(entry.get("loc")).isEqualTo(List.of("header", ApiHeaders.IDEMPOTENCY_KEY));
                        assertThat(entry.get("msg")).isEqualTo(IdempotencyKey.RULE);
                        assertThat(entry.get("input")).isEqualTo(key);
                    });
        }
    }

    @Test
    void aKeyCannotBeMadeInvalid() {
        assertThatThrownBy(() -> new IdempotencyKey("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyKey(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
