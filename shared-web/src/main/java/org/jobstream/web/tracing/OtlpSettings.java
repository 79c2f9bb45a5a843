package org.jobstream.web.tracing;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a service sends its spans: OTLP over HTTP (protobuf), configured by OpenTelemetry's standard
 * variables. {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} is the full URL of the traces endpoint;
 * else {@code OTEL_EXPORTER_OTLP_ENDPOINT} is the collector's base URL, to which {@code /v1/traces}
 * is added; {@code OTEL_EXPORTER_OTLP_HEADERS} ({@code key=value,...}, values URL-encoded) are sent
 * with every export, e.g. a backend's API key. Neither endpoint set: no spans are exported.
 *
 * @param endpoint the URL the exporter posts to
 * @param headers  sent with every export
 */
public record OtlpSettings(URI endpoint, Map<String, String> headers) {

    public OtlpSettings {
        String scheme = endpoint.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("The OTLP endpoint must be an http or https URL, not " + endpoint);
        }
        headers = Map.copyOf(headers);
    }

    /** The settings the variables make, if they name an endpoint (blank values count as unset). */
    public static Optional<OtlpSettings> of(String tracesEndpoint, String endpoint, String headers) {
        String url;
        if (!isBlank(tracesEndpoint)) {
            url = tracesEndpoint.strip();
        } else if (!isBlank(endpoint)) {
            url = endpoint.strip().replaceAll("/+$", "") + "/v1/traces";
        } else {
            return Optional.empty();
        }
        return Optional.of(new OtlpSettings(URI.create(url), headers(headers)));
    }

    /** Without the headers' values, which may be credentials. */
    @Override
    public String toString() {
        return "OtlpSettings[endpoint=" + endpoint + ", headers=" + headers.keySet() + "]";
    }

    /** An exporter posting to the endpoint (over the JDK's HTTP client). */
    public SpanExporter exporter() {
        OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint.toString())
                .setMeterProvider(MeterProvider.noop());
        headers.forEach(builder::addHeader);
        return builder.build();
    }

    /** {@code OTEL_EXPORTER_OTLP_HEADERS}: W3C baggage's format without properties. */
    static Map<String, String> headers(String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (isBlank(value)) {
            return headers;
        }
        for (String entry : value.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("OTEL_EXPORTER_OTLP_HEADERS: not key=value: " + entry.strip());
            }
            headers.put(entry.substring(0, equals).strip(),
                    URLDecoder.decode(entry.substring(equals + 1).strip(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
