package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The benchmark suite as a user runs it, made short: it measures every figure against the stack
 * and writes both reports. (The figures themselves are not judged here: they are measured, never
 * asserted.)
 */
class BenchIT {

    @Test
    void aShortRunOfTheSuiteWritesTheHtmlAndJsonReports() throws Exception {
        Stack.call("POST", "/api/jobs/jdl", Stack.token("bench-it", "NormalUser"), List.of("Executable = \"echo\";"));

        String output = Stack.jobstream(Duration.ofMinutes(10), "bench", "--duration", "2s", "--sizes", "0",
                "--lag-samples", "5", "--raw-rows", "2000", "--search-requests", "5", "--cold-sizes", "10,150",
                "--cold-jobs", "2");

        Matcher report = Pattern.compile("Report: (\\S+report\\.html)").matcher(output);
        assertThat(report.find()).as(output).isTrue();
        Path html = Path.of(report.group(1));
        Path json = html.resolveSibling("report.json");
        assertThat(Files.readString(html)).contains("<svg", "Jobstream benchmark report");
        JsonNode figures = Stack.JSON.readTree(json.toFile()).get("figures");
        List<String> ids = new ArrayList<>();
        figures.forEach(figure -> ids.add(figure.get("id").asText()));
        assertThat(ids).contains("submit-1", "submit-20", "status-1", "status-100", "heartbeat-1", "heartbeat-100",
                "append", "lag", "search-owner-status", "summary-status-site", "cold-150-replayed", "cold-150-snapshot",
                "store-bytes-per-event", "store-bytes-per-job", "heartbeat-row-bytes");
        figures.forEach(figure -> assertThat(figure.get("value").asDouble()).as(figure.toString()).isPositive());
        assertThat(Stack.JSON.readTree(json.toFile()).get("resources")).isNotEmpty();
        Files.delete(html);
        Files.delete(json);
        Files.delete(html.getParent());
    }
}
