package org.jobstream.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jobstream.infra.bench.report.BenchReport;
import org.jobstream.infra.bench.report.BenchReport.Baseline;
import org.jobstream.infra.bench.report.BenchReport.ComponentUse;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Latency;
import org.jobstream.infra.bench.report.BenchReport.Machine;
import org.jobstream.infra.bench.report.BenchReport.PhaseResources;
import org.jobstream.infra.bench.report.BenchReport.Target;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    @Test
    void eachFigureCarriesItsLatencyBaselineRatioAndTarget() throws Exception {
        Latency latency = new Latency(10, 20, 30);
        BenchReport report = new BenchReport(Instant.parse("2026-11-26T02:00:00Z"), Duration.ofSeconds(90),
                new Machine(2, 24000, "java", "linux", "http://127.0.0.1:8000", 5),
                List.of(new Figure("submit-20", "write", "submit", "jobs/s", 5000, latency,
                                new Baseline("raw INSERT", "rows/s", 40000, null), Target.atLeast(2000, 5000), null),
                        new Figure("projection", "projection", "load", "jobs/s", 3000, null, null, null, "note")),
                List.of(),
                List.of(new PhaseResources("submit", 20, List.of(new ComponentUse("command-service", 1.1, 400)))),
                List.of());

        JsonNode json = BenchCommand.reportJson().readTree(BenchCommand.reportJson().writeValueAsBytes(report));

        JsonNode submit = json.get("figures").get(0);
        assertThat(submit.get("latency").get("p95").asDouble()).isEqualTo(20);
        assertThat(submit.get("baseline").get("value").asDouble()).isEqualTo(40000);
        assertThat(submit.get("ratio").asDouble()).isEqualTo(0.125);
        assertThat(submit.get("target").get("met").asBoolean()).isTrue();
        assertThat(json.get("figures").get(1).get("latency").isNull()).isTrue();
        assertThat(json.get("started").asText()).isEqualTo("2026-11-26T02:00:00Z");
        assertThat(json.get("resources").get(0).get("components").get(0).get("cpuCores").asDouble()).isEqualTo(1.1);
    }
}
