package org.jobstream.infra.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jobstream.infra.bench.report.BenchReport.Baseline;
import org.jobstream.infra.bench.report.BenchReport.ComponentUse;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Latency;
import org.jobstream.infra.bench.report.BenchReport.Line;
import org.jobstream.infra.bench.report.BenchReport.Point;
import org.jobstream.infra.bench.report.BenchReport.Series;
import org.jobstream.infra.bench.report.BenchReport.Machine;
import org.jobstream.infra.bench.report.BenchReport.PhaseResources;
import org.jobstream.infra.bench.report.BenchReport.Target;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final String HOSTILE = "Projected <script>alert(1)</script> & \"quoted\" 'single'";

    private static BenchReport sample() {
        List<Figure> figures = List.of(
                new Figure("write-commands", "write", "Commands accepted per second", "cmd/s", 12_400,
                        null, new Baseline("raw INSERT", "rows/s", 20_000, null), Target.atLeast(10_000, 12_400),
                        "8 clients"),
                new Figure("write-events", "write", "Events produced per second", "events/s", 5_000,
                        null, null, null, null),
                new Figure("lag-p95", "lag", "Command to searchable", "ms", Double.NaN,
                        null, null, Target.below(50, Double.NaN), null),
                new Figure("projection", "projection", HOSTILE, "events/s", 800,
                        null, null, Target.atLeast(2_000, 800), null),
                new Figure("search", "read", "Search p95", "ms", 23.0, new Latency(10, 23, 41.5),
                        new Baseline("raw query", "ms", 10.0, new Latency(4, 10, 18)), Target.below(50, 23), null));
        List<PhaseResources> resources = List.of(
                new PhaseResources("write", 60, List.of(
                        new ComponentUse("api", 1.234, 512.4),
                        new ComponentUse("postgres", 0.5, 300))),
                new PhaseResources("read", 30.5, List.of(
                        new ComponentUse("opensearch", 2.0, Double.NaN),
                        new ComponentUse("api", Double.POSITIVE_INFINITY, 400))));
        return new BenchReport(Instant.parse("2024-05-01T10:15:30Z"), Duration.ofSeconds(754),
                new Machine(8, 16_000, "17.0.9", "Linux 6.1", "http://localhost:8080", 1_000_000),
                figures, List.of(new Series("burst", "Lag during a burst", "s", "s", List.of(
                        new Line("lag", List.of(new Point(0, 0), new Point(1, 2.5), new Point(2, Double.NaN)))))),
                resources, List.of("Warm-up excluded", "Stack on one machine"));
    }

    @Test
    void escapesTextFromTheReport() {
        String html = HtmlReport.render(sample());

        assertThat(html)
                .contains("Projected &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;")
                .doesNotContain("<script");
    }

    @Test
    void rendersHeaderSummaryAndSections() {
        String html = HtmlReport.render(sample());

        assertThat(html).contains("Jobstream benchmark report", "2024-05-01 10:15:30 UTC", "12 min 34 s",
                "8 cores", "16,000 MB", "1,000,000 jobs in the store at start", "<li>Warm-up excluded</li>");
        assertThat(html.split("<tr class=\"fig\">", -1)).hasSize(6);
        assertThat(html).contains("Write path: commands per second", "Command-to-searchable lag",
                "Projection throughput", "Search and summary latency");
        assertThat(html.indexOf("Write path")).isLessThan(html.indexOf("Command-to-searchable lag"));
        assertThat(html).contains("12,400 cmd/s", "10.0 / 23.0 / 41.5", "raw INSERT<br>20,000 rows/s");
        assertThat(html).contains("62 %", "x2.3");
        assertThat(html).contains("<span class=\"met\">met</span>", "<span class=\"not-met\">not met</span>");
        assertThat(html).contains("Raw figures: report.json next to this file.");
    }

    @Test
    void drawsChartsWithTargetsAndBarsForPercentiles() {
        String html = HtmlReport.render(sample());

        assertThat(html).contains("<svg", "</svg>", "<line class=\"target\"", "target &gt;= 10,000");
        assertThat(html).contains(">Jobstream p99<", ">raw p50<", "(raw: raw query)", ">41.5 ms<");
        assertThat(html).doesNotContain("<link", "src=", "@import");
    }

    @Test
    void rendersResourcesPerPhase() {
        String html = HtmlReport.render(sample());

        assertThat(html).contains("Resources per phase", "<h3>write (60.0 s)</h3>", "<h3>read (30.5 s)</h3>");
        assertThat(html).contains("<td class=\"num\">1.23</td>", "<td class=\"num\">512</td>", ">1.23 cores<");
    }

    @Test
    void toleratesNaNInfinityAndMissingParts() {
        assertThatCode(() -> HtmlReport.render(sample())).doesNotThrowAnyException();
        String html = HtmlReport.render(sample());
        assertThat(html).doesNotContain("NaN", "Infinity").contains("–");

        BenchReport bare = new BenchReport(null, null, null, null, null, null, null);
        assertThat(HtmlReport.render(bare)).contains("Jobstream benchmark report", "Raw figures");
    }

    @Test
    void aSeriesIsDrawnAsLinesWithALegend() {
        String html = HtmlReport.render(sample());
        assertThat(html).contains("<h2>Lag during a burst</h2>", "<polyline class=\"line1\"", ">lag</text>");
    }

    @Test
    void unknownSectionKeepsItsName() {
        Figure odd = new Figure("x", "startup", "Start-up", "s", 4.2, null, null, new Target("soon", true), null);
        BenchReport report = new BenchReport(Instant.EPOCH, Duration.ofMillis(1500), null, List.of(odd), List.of(),
                List.of(), List.of());

        assertThat(HtmlReport.render(report)).contains("<h2>startup</h2>", "4.2 s", "1.5 s")
                .doesNotContain("class=\"target\"");
    }
}
