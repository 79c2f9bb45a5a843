package org.jobstream.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * The Grafana dashboard (infra/deploy/grafana/jobstream.json) is a dashboard Grafana can import,
 * and every metric its queries use is one the services expose: the meters their code registers and
 * the HTTP timer Spring Boot adds, named as Micrometer names them for Prometheus; histogram buckets
 * only where application.yml asks for them.
 */
class DashboardTest {

    private static final Pattern BUILDER = Pattern.compile(
            "(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*(\"[^\"]+\"|[A-Z_][A-Z0-9_]*)([^;]*)");
    private static final Pattern CONSTANT = Pattern.compile("static final String ([A-Z_][A-Z0-9_]*) = \"([^\"]+)\";");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"([^\"]+)\"\\)");

    private final JsonNode dashboard = DashboardQueries.dashboard();

    @Test
    void isADashboardGrafanaCanImport() {
        assertThat(dashboard.path("uid").asText()).isEqualTo("jobstream");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        assertThat(dashboard.path("templating").path("list")).anyMatch(v -> v.path("name").asText().equals("datasource"));
        Set<Integer> ids = new java.util.HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", panel.path("id")).isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty()
                    .allMatch(t -> !t.path("expr").asText().isBlank() && !t.path("refId").asText().isBlank());
        }
    }

    @Test
    void showsWriteRateLagDeadLettersReadLatencyAndBackPressure() {
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(p -> titles.add(p.path("title").asText()));
        assertThat(titles).contains("Write rate", "Lag (events)", "Lag (seconds)", "Dead letters", "Read latency",
                "Read wait", "Back-pressure", "Published to Kafka", "Projection rate", "Append latency");
    }

    @Test
    void usesOnlyMetricsTheServicesExpose() {
        Set<String> exposed = exposedMetrics();
        Set<String> used = DashboardQueries.metricsUsed();
        assertThat(used).isNotEmpty();
        assertThat(used).as("metrics of the dashboard that no service exposes (exposed: %s)", exposed)
                .allMatch(exposed::contains);
    }

    @Test
    void theServicesTagTheirMetricsWithTheirNameAsThePanelsSelect() {
        for (ServiceModule module : ServiceModule.all()) {
            assertThat(module.applicationYml().get("management.metrics.tags.application"))
                    .as(module.name()).isEqualTo("${spring.application.name}");
            assertThat(module.applicationYml().get("spring.application.name")).isEqualTo(module.name());
            assertThat(String.valueOf(module.applicationYml().get("management.endpoints.web.exposure.include")))
                    .contains("prometheus");
        }
    }

    @Test
    void aMetricNoServiceExposesIsCaught() {
        assertThat(DashboardQueries.metricNames("sum by (type) (rate(jobstream_events_appendd_total{type=\"x\"}[1m]))"))
                .containsExactly("jobstream_events_appendd_total");
        assertThat(exposedMetrics()).doesNotContain("jobstream_events_appendd_total", "jobstream_projection_events_seconds_bucket")
                .contains("jobstream_events_appended_total", "jobstream_read_wait_seconds_bucket");
    }

    /**
     * The Prometheus names of what the three services register, and of Spring Boot's HTTP timer: the
     * same meters registered in Micrometer's Prometheus registry (with the histogram buckets the
     * service's application.yml asks for), and the names of its scrape.
     */
    static Set<String> exposedMetrics() {
        Set<String> names = new TreeSet<>();
        for (ServiceModule module : ServiceModule.all()) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            List<Meter> meters = new ArrayList<>(metersInSources(module));
            meters.add(new Meter("http.server.requests", Meter.Type.TIMER, null));
            for (Meter meter : meters) {
                switch (meter.type()) {
                    case COUNTER -> Counter.builder(meter.name()).baseUnit(meter.baseUnit()).register(registry).increment();
                    case GAUGE -> Gauge.builder(meter.name(), () -> 1).baseUnit(meter.baseUnit()).register(registry);
                    case TIMER -> Timer.builder(meter.name()).serviceLevelObjectives(slo(module, meter.name()))
                            .register(registry).record(Duration.ofMillis(1));
                    case DISTRIBUTION_SUMMARY -> DistributionSummary.builder(meter.name()).baseUnit(meter.baseUnit())
                            .register(registry).record(1);
                }
            }
            registry.scrape().lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(names::add);
        }
        return names;
    }

    /** The buckets application.yml asks for, as Spring Boot reads them. */
    private static Duration[] slo(ServiceModule module, String meter) {
        Object buckets = module.applicationYml().get("management.metrics.distribution.slo.[" + meter + "]");
        if (buckets == null) {
            return new Duration[0];
        }
        return Stream.of(String.valueOf(buckets).split(","))
                .map(String::trim)
                .map(DurationStyle.SIMPLE::parse)
                .toArray(Duration[]::new);
    }

    record Meter(String name, Meter.Type type, String baseUnit) {
        enum Type { COUNTER, TIMER, GAUGE, DISTRIBUTION_SUMMARY }
    }

    private static List<Meter> metersInSources(ServiceModule module) {
        List<Meter> meters = new ArrayList<>();
        try (Stream<Path> files = Files.walk(module.dir().resolve("src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String source = ServiceModule.read(file);
                Map<String, String> constants = new HashMap<>();
                Matcher c = CONSTANT.matcher(source);
                while (c.find()) {
                    constants.put(c.group(1), c.group(2));
                }
                Matcher b = BUILDER.matcher(source);
                while (b.find()) {
                    String ref = b.group(2);
                    String name = ref.startsWith("\"") ? ref.substring(1, ref.length() - 1) : constants.get(ref);
                    assertThat(name).as("the meter name %s in %s", ref, file).isNotNull();
                    Matcher unit = BASE_UNIT.matcher(b.group(3));
                    Meter.Type type = switch (b.group(1)) {
                        case "Counter" -> Meter.Type.COUNTER;
                        case "Timer" -> Meter.Type.TIMER;
                        case "Gauge" -> Meter.Type.GAUGE;
                        default -> Meter.Type.DISTRIBUTION_SUMMARY;
                    };
                    meters.add(new Meter(name, type, unit.find() ? unit.group(1) : null));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return meters;
    }

}
