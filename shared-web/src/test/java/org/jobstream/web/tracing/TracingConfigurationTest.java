package org.jobstream.web.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TracingConfigurationTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TracingConfiguration.class))
            .withPropertyValues("spring.application.name=projections");

    @Test
    void withoutAnEndpointTheServiceExportsNothing() {
        service.run(context -> assertThat(context.getBean(Spans.class).exporting()).isFalse());
        service.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=")
                .run(context -> assertThat(context.getBean(Spans.class).exporting()).isFalse());
    }

    @Test
    void eitherStandardVariableTurnsTheExportOn() {
        service.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318")
                .run(context -> assertThat(context.getBean(Spans.class).exporting()).isTrue());
        service.withPropertyValues("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:4318/v1/traces")
                .run(context -> assertThat(context.getBean(Spans.class).exporting()).isTrue());
    }

    @Test
    void aMalformedEndpointStopsTheServiceFromStarting() {
        service.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=collector:4318")
                .run(context -> assertThat(context).hasFailed());
    }
}
