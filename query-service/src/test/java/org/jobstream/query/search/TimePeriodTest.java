package org.jobstream.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.jobstream.errors.RequestError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimePeriodTest {

    @ParameterizedTest(name = "{0} is [{1}, {2})")
    @CsvSource({
        "2024, 2024-01-01T00:00:00Z, 2025-01-01T00:00:00Z",
        "2024-02, 2024-02-01T00:00:00Z, 2024-03-01T00:00:00Z",
        "2024-12-31, 2024-12-31T00:00:00Z, 2025-01-01T00:00:00Z",
        "2024-01-01 07, 2024-01-01T07:00:00Z, 2024-01-01T08:00:00Z",
        "2024-01-01T07, 2024-01-01T07:00:00Z, 2024-01-01T08:00:00Z",
        "2024-01-01 07:03, 2024-01-01T07:03:00Z, 2024-01-01T07:04:00Z",
        "2024-01-01 07:03:35, 2024-01-01T07:03:35Z, 2024-01-01T07:03:36Z",
        "2024-01-01 07:03:35.123456, 2024-01-01T07:03:35Z, 2024-01-01T07:03:36Z",
        "2024-01-01T00:00:00.123Z, 2024-01-01T00:00:00Z, 2024-01-01T00:00:01Z"
    })
    void aPartialValueStandsForTheWholePeriodOfItsPrecision(String value, Instant start, Instant end) {
        TimePeriod period = TimePeriod.parse(value);

        assertThat(period.start()).isEqualTo(start);
        assertThat(period.end()).isEqualTo(end);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-13", "2024-02-30", "24-01-01", "2024-01-01 07:03:35+02:00", ""})
    void anythingElseIsRefused(String value) {
        assertThatThrownBy(() -> TimePeriod.parse(value)).isInstanceOf(RequestError.class);
    }
}
