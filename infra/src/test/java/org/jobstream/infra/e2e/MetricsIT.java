package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jobstream.infra.deploy.DashboardQueries;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's metrics on the running services, after a submission and a read: every metric the
 * Grafana dashboard queries is on some service's /actuator/prometheus, and the write, publish,
 * project and read-wait counters moved.
 */
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String token = token("metrics-user", "NormalUser");
    private final String admin = token("metrics-admin", "JobAdministrator");

    @Test
    void everyMetricOfTheDashboardIsExposedAndThePipelineCountsMove() throws Exception {
        Stack.Answer submitted = call("POST", "/api/jobs/jdl", token, List.of("Executable = \"echo\"; Arguments = \"metrics\";"));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        long jobId = submitted.json().get(0).get("JobID").asLong();
        Stack.Answer found = call("POST", "/api/jobs/search", token,
                Map.of("search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", jobId))));
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.json()).hasSize(1);

        Map<String, Double> samples = new HashMap<>();
        Set<String> names = new TreeSet<>();
        for (String service : List.of(Stack.LOCAL.commandUrl(), Stack.LOCAL.queryUrl(), Stack.LOCAL.projectionsUrl())) {
            HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create(service + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).as(service).isEqualTo(200);
            scrape.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                String name = line.split("[{ ]", 2)[0];
                names.add(name);
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                samples.merge(name, value, Double::sum);
            });
        }

        assertThat(DashboardQueries.metricsUsed()).as("the dashboard's metrics, exposed: %s", names).allMatch(names::contains);
        for (String moved : List.of("jobstream_events_appended_total", "jobstream_commands_seconds_count",
                "jobstream_publisher_events_total", "jobstream_projection_events_total", "jobstream_read_wait_seconds_count")) {
            assertThat(samples.getOrDefault(moved, 0.0)).as(moved).isPositive();
        }
    }
}
