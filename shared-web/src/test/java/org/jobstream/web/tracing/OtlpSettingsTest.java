package org.jobstream.web.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpSettingsTest {

    @Test
    void noEndpointMeansNoExport() {
        assertThat(OtlpSettings.of(null, null, null)).isEmpty();
        assertThat(OtlpSettings.of("", " ", "api-key=x")).isEmpty();
    }

    @Test
    void theBaseEndpointGetsTheTracesPath() {
        assertThat(OtlpSettings.of("", "http://collector:4318", "")).get()
                .extracting(OtlpSettings::endpoint).isEqualTo(URI.create("http://collector:4318/v1/traces"));
        assertThat(OtlpSettings.of(null, "https://otlp.example.org/otlp/", null)).get()
                .extracting(OtlpSettings::endpoint).isEqualTo(URI.create("https://otlp.example.org/otlp/v1/traces"));
    }

    @Test
    void theTracesEndpointIsTakenAsItIsAndWins() {
        assertThat(OtlpSettings.of("http://traces:9999/custom", "http://collector:4318", null)).get()
                .extracting(OtlpSettings::endpoint).isEqualTo(URI.create("http://traces:9999/custom"));
    }

    @Test
    void headersAreKeyValuePairsWithEncodedValues() {
        OtlpSettings settings = OtlpSettings.of(null, "http://collector:4318", "api-key=a%20b , tenant=lhcb").orElseThrow();

        assertThat(settings.headers()).isEqualTo(Map.of("api-key", "a b", "tenant", "lhcb"));
        assertThat(settings.toString()).doesNotContain("a b");
        assertThatThrownBy(() -> OtlpSettings.of(null, "http://collector:4318", "novalue"))
                .hasMessageContaining("not key=value");
    }

    @Test
    void anEndpointThatIsNoHttpUrlIsRefused() {
        assertThatThrownBy(() -> OtlpSettings.of(null, "collector:4317", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https URL");
    }
}
