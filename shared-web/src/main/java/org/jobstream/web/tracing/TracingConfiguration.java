package org.jobstream.web.tracing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The service's {@link Spans}: exported over OTLP/HTTP when OpenTelemetry's standard variables name
 * an endpoint ({@link OtlpSettings}), else none. They are read as Spring properties, so the
 * environment, a system property or application.yml can set them.
 */
@AutoConfiguration
public class TracingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TracingConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Spans spans(@Value("${spring.application.name:jobstream}") String service,
                @Value("${OTEL_EXPORTER_OTLP_TRACES_ENDPOINT:}") String tracesEndpoint,
                @Value("${OTEL_EXPORTER_OTLP_ENDPOINT:}") String endpoint,
                @Value("${OTEL_EXPORTER_OTLP_HEADERS:}") String headers) {
        return spans(service, OtlpSettings.of(tracesEndpoint, endpoint, headers).orElse(null));
    }

    static Spans spans(String service, OtlpSettings settings) {
        if (settings == null) {
            log.debug("No OTLP endpoint: spans are not exported");
            return Spans.off();
        }
        log.info("Exporting the spans of {} over OTLP/HTTP to {}", service, settings.endpoint());
        return Spans.exportingTo(settings.exporter(), service);
    }
}
