package org.jobstream.infra.bench.report;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jobstream.infra.bench.report.BenchReport.Baseline;
import org.jobstream.infra.bench.report.BenchReport.ComponentUse;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Latency;
import org.jobstream.infra.bench.report.BenchReport.Line;
import org.jobstream.infra.bench.report.BenchReport.Machine;
import org.jobstream.infra.bench.report.BenchReport.PhaseResources;
import org.jobstream.infra.bench.report.BenchReport.Point;
import org.jobstream.infra.bench.report.BenchReport.Series;
import org.jobstream.infra.bench.report.BenchReport.Target;

/**
 * Renders one {@link BenchReport} as a single self-contained HTML page: the run and the machine, a summary table of
 * all figures, one section per part of the stack with an inline SVG bar chart (Jobstream beside its baseline, the
 * target marked), and the resources each component used per phase. Nothing is fetched from elsewhere: no scripts,
 * style sheets or fonts. Text from the report is HTML-escaped; numbers are formatted with {@link Locale#ROOT}, and a
 * missing or non-finite number is shown as a dash (or its bar left out).
 */
public final class HtmlReport {

    private static final String DASH = "–";
    private static final Map<String, String> HEADINGS = Map.of(
            "write", "Write path: commands per second",
            "lag", "Command-to-searchable lag",
            "projection", "Projection throughput",
            "read", "Search and summary latency",
            "cold", "First command on a cold job (after a restart or a cache eviction)",
            "growth", "Event store size");
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");
    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int LABEL_WIDTH = 240;
    private static final int BAR_SPACE = 420;
    private static final int CHART_WIDTH = 800;
    private static final int ROW = 20;
    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
                   max-width: 1100px; margin: 2rem auto; padding: 0 1rem; }
            h1 { margin-bottom: .3rem; }
            table { border-collapse: collapse; margin: .5rem 0 1rem; }
            th, td { border: 1px solid #ccc; padding: .3rem .6rem; vertical-align: top; }
            th { background: #f3f3f3; text-align: left; }
            td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            .note { color: #666; font-size: .85em; }
            .met { color: #1a7f37; font-weight: bold; }
            .not-met { color: #c62828; font-weight: bold; }
            svg.chart { display: block; margin: .5rem 0 1.5rem; font: 12px system-ui, sans-serif; }
            svg text.group { font-weight: bold; }
            svg rect.jobstream { fill: #3b6fb6; }
            svg rect.baseline { fill: #9aa5b1; }
            svg rect.cpu { fill: #e08a2c; }
            svg line.target { stroke: #c62828; stroke-width: 2; stroke-dasharray: 5 3; }
            svg text.target { fill: #c62828; }
            footer { margin-top: 2rem; color: #666; font-size: .9em; }
            svg line.axis { stroke: #444; stroke-width: 1; }
            svg polyline { fill: none; stroke-width: 2; }
            svg .line1 { stroke: #1565c0; } svg .line2 { stroke: #c62828; }
            svg .line3 { stroke: #2e7d32; } svg .line4 { stroke: #6a1b9a; }
            """;

    private HtmlReport() {
    }

    /** The whole page for {@code report}. */
    public static String render(BenchReport report) {
        Objects.requireNonNull(report, "report");
        List<Figure> figures = report.figures() == null ? List.of()
                : report.figures().stream().filter(Objects::nonNull).toList();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Jobstream benchmark report</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        header(html, report);
        summary(html, figures);
        sections(html, figures);
        series(html, report.series());
        resources(html, report.resources());
        html.append("<footer>Raw figures: report.json next to this file.</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, BenchReport report) {
        html.append("<h1>Jobstream benchmark report</h1>\n<p>Started ")
                .append(report.started() == null ? DASH : STARTED.format(report.started()))
                .append(", took ").append(duration(report.took())).append("</p>\n");
        Machine m = report.machine();
        if (m != null) {
            html.append("<p class=\"machine\">Machine: ").append(m.cores()).append(" cores, ")
                    .append(String.format(Locale.ROOT, "%,d MB", m.memoryMegabytes())).append(" memory, Java ")
                    .append(esc(m.java())).append(", ").append(esc(m.os())).append(", base URL ")
                    .append(esc(m.baseUrl())).append(", ")
                    .append(String.format(Locale.ROOT, "%,d", m.jobsAtStart()))
                    .append(" jobs in the store at start</p>\n");
        }
        if (report.notes() != null && !report.notes().isEmpty()) {
            html.append("<ul class=\"notes\">\n");
            report.notes().forEach(note -> html.append("<li>").append(esc(note)).append("</li>\n"));
            html.append("</ul>\n");
        }
    }

    private static void summary(StringBuilder html, List<Figure> figures) {
        html.append("<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr><th>Figure</th><th>Jobstream</th>")
                .append("<th>p50 / p95 / p99 ms</th><th>Baseline</th><th>Ratio</th><th>Target</th></tr></thead>\n")
                .append("<tbody>\n");
        for (Figure f : figures) {
            html.append("<tr class=\"fig\"><td>").append(esc(f.title()));
            if (f.note() != null && !f.note().isBlank()) {
                html.append("<div class=\"note\">").append(esc(f.note())).append("</div>");
            }
            html.append("</td><td class=\"num\">").append(esc(amount(f.value(), f.unit())))
                    .append("</td><td class=\"num\">").append(percentiles(f.latency()))
                    .append("</td><td>").append(baselineCell(f.baseline()))
                    .append("</td><td class=\"num\">").append(ratio(f))
                    .append("</td><td>").append(targetCell(f.target())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void sections(StringBuilder html, List<Figure> figures) {
        Map<String, List<Figure>> bySection = new LinkedHashMap<>();
        for (Figure f : figures) {
            String section = f.section() == null || f.section().isBlank() ? "other" : f.section();
            bySection.computeIfAbsent(section, key -> new ArrayList<>()).add(f);
        }
        bySection.forEach((section, members) -> {
            html.append("<section>\n<h2>").append(esc(HEADINGS.getOrDefault(section, section))).append("</h2>\n");
            html.append(chart(members.stream().map(HtmlReport::group).toList())).append("</section>\n");
        });
    }

    private static final String[] LINE_CSS = {"line1", "line2", "line3", "line4"};

    private static void series(StringBuilder html, List<Series> all) {
        if (all == null) {
            return;
        }
        for (Series series : all) {
            html.append("<section>\n<h2>").append(esc(series.title())).append("</h2>\n").append(lineChart(series))
                    .append("</section>\n");
        }
    }

    /** The lines of a series on shared axes, from 0 to the largest value, with a legend. */
    static String lineChart(Series series) {
        double maxX = 0;
        double maxY = 0;
        for (Line line : series.lines()) {
            for (Point p : line.points()) {
                maxX = Double.isFinite(p.x()) ? Math.max(maxX, p.x()) : maxX;
                maxY = Double.isFinite(p.y()) ? Math.max(maxY, p.y()) : maxY;
            }
        }
        int left = 70;
        int width = CHART_WIDTH - left - 20;
        int top = 10;
        int height = 200;
        double sx = width / (maxX > 0 ? maxX : 1);
        double sy = height / (maxY > 0 ? maxY : 1);
        StringBuilder svg = new StringBuilder();
        int total = top + height + 40 + 18 * series.lines().size();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " role=\"img\">%n", CHART_WIDTH, total, CHART_WIDTH, total));
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                left, top + height, left + width, top + height));
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                left, top, left, top + height));
        svg.append(text(left - 4, top + 10, "label", "end", number(maxY, maxY < 10 ? 1 : 0) + " " + series.yUnit()));
        svg.append(text(left - 4, top + height, "label", "end", "0"));
        svg.append(text(left + width, top + height + 16, "label", "end", number(maxX, 0) + " " + series.xUnit()));
        for (int i = 0; i < series.lines().size(); i++) {
            Line line = series.lines().get(i);
            String css = LINE_CSS[i % LINE_CSS.length];
            StringBuilder points = new StringBuilder();
            for (Point p : line.points()) {
                if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + p.x() * sx, top + height - p.y() * sy));
                }
            }
            svg.append("<polyline class=\"").append(css).append("\" points=\"").append(points.toString().trim())
                    .append("\"/>\n");
            int y = top + height + 34 + 18 * i;
            svg.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                    css, left, y - 4, left + 24, y - 4));
            svg.append(text(left + 30, y, "label", "start", line.name()));
        }
        return svg.append("</svg>\n").toString();
    }

    private static void resources(StringBuilder html, List<PhaseResources> phases) {
        if (phases == null || phases.isEmpty()) {
            return;
        }
        html.append("<h2>Resources per phase</h2>\n");
        for (PhaseResources phase : phases) {
            if (phase == null) {
                continue;
            }
            html.append("<section class=\"phase\">\n<h3>").append(esc(phase.phase()));
            if (Double.isFinite(phase.seconds())) {
                html.append(String.format(Locale.ROOT, " (%,.1f s)", phase.seconds()));
            }
            html.append("</h3>\n<table>\n<thead><tr><th>Component</th><th>CPU (cores)</th><th>RSS MB</th></tr>")
                    .append("</thead>\n<tbody>\n");
            List<Bar> bars = new ArrayList<>();
            for (ComponentUse use : phase.components() == null ? List.<ComponentUse>of() : phase.components()) {
                if (use == null) {
                    continue;
                }
                html.append("<tr><td>").append(esc(use.component())).append("</td><td class=\"num\">")
                        .append(esc(number(use.cpuCores(), 2))).append("</td><td class=\"num\">")
                        .append(esc(number(use.rssMegabytes(), 0))).append("</td></tr>\n");
                bars.add(new Bar(use.component(), use.cpuCores(), number(use.cpuCores(), 2) + " cores", "cpu"));
            }
            html.append("</tbody>\n</table>\n").append(chart(List.of(new Group(null, bars, Double.NaN, null))))
                    .append("</section>\n");
        }
    }

    /** The bars for one figure: value and baseline, or the percentiles of both for a latency. */
    private static Group group(Figure f) {
        List<Bar> bars = new ArrayList<>();
        Baseline b = f.baseline();
        if (f.measuresLatency() && f.latency() != null) {
            percentileBars(bars, "Jobstream", f.latency(), "jobstream");
            if (b != null && b.latency() != null) {
                percentileBars(bars, "raw", b.latency(), "baseline");
            }
        } else {
            bars.add(new Bar("Jobstream", f.value(), amount(f.value(), f.unit()), "jobstream"));
            if (b != null) {
                bars.add(new Bar("raw", b.value(), amount(b.value(), b.unit()), "baseline"));
            }
        }
        Target t = f.target();
        // the bars say "raw"; the title says what the raw work was
        String title = b == null ? f.title() : f.title() + " (raw: " + b.title() + ")";
        return new Group(title, bars, t == null ? Double.NaN : goal(t.goal()), t == null ? null : t.goal());
    }

    private static void percentileBars(List<Bar> bars, String who, Latency l, String css) {
        bars.add(new Bar(who + " p50", l.p50(), amount(l.p50(), "ms"), css));
        bars.add(new Bar(who + " p95", l.p95(), amount(l.p95(), "ms"), css));
        bars.add(new Bar(who + " p99", l.p99(), amount(l.p99(), "ms"), css));
    }

    /** A horizontal bar chart of the groups, all on one scale; non-finite bars are left out. */
    private static String chart(List<Group> groups) {
        double max = 0;
        int rows = 0;
        for (Group g : groups) {
            rows += g.bars().size() + (g.hasTitleRow() ? 1 : 0);
            for (Bar bar : g.bars()) {
                max = Double.isFinite(bar.value()) ? Math.max(max, bar.value()) : max;
            }
            max = Double.isFinite(g.marker()) ? Math.max(max, g.marker()) : max;
        }
        if (rows == 0) {
            return "";
        }
        double scale = BAR_SPACE / (max > 0 ? max : 1);
        int height = rows * ROW + 10;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " role=\"img\">%n", CHART_WIDTH, height, CHART_WIDTH, height));
        int y = 5;
        for (Group g : groups) {
            int top = y;
            if (g.hasTitleRow()) {
                svg.append(text(0, y + 14, "group", "start", g.title() == null ? "" : g.title()));
                if (Double.isFinite(g.marker())) {
                    svg.append(text(CHART_WIDTH - 4, y + 14, "target", "end", "target " + g.goal()));
                }
                y += ROW;
            }
            for (Bar bar : g.bars()) {
                svg.append(text(LABEL_WIDTH - 6, y + 14, "label", "end", bar.label()));
                if (Double.isFinite(bar.value())) {
                    double width = Math.max(0, bar.value()) * scale;
                    svg.append(String.format(Locale.ROOT,
                            "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>%n",
                            esc(bar.css()), LABEL_WIDTH, y + 3, width, ROW - 6));
                    svg.append(text(LABEL_WIDTH + width + 4, y + 14, "value", "start", bar.text()));
                } else {
                    svg.append(text(LABEL_WIDTH + 4, y + 14, "value", "start", DASH));
                }
                y += ROW;
            }
            if (Double.isFinite(g.marker()) && g.marker() >= 0) {
                double x = LABEL_WIDTH + g.marker() * scale;
                svg.append(String.format(Locale.ROOT, "<line class=\"target\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\""
                        + " y2=\"%d\"><title>target %s</title></line>%n", x, top + 2, x, y, esc(g.goal())));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static String text(double x, int y, String css, String anchor, String content) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>%n",
                css, x, y, anchor, esc(content));
    }

    private static String baselineCell(Baseline b) {
        return b == null ? "" : esc(b.title()) + "<br>" + esc(amount(b.value(), b.unit()));
    }

    private static String targetCell(Target t) {
        if (t == null) {
            return "";
        }
        String mark = t.met() ? "<span class=\"met\">met</span>" : "<span class=\"not-met\">not met</span>";
        return esc(t.goal()) + " " + mark;
    }

    /** For a rate the share of the baseline's rate ("62 %"); otherwise how many times the baseline's ("x2.3"). */
    private static String ratio(Figure f) {
        double r = f.ratio();
        if (!Double.isFinite(r)) {
            return "";
        }
        return isRate(f.unit()) ? String.format(Locale.ROOT, "%,.0f %%", r * 100)
                : String.format(Locale.ROOT, "x%,.1f", r);
    }

    private static String percentiles(Latency l) {
        return l == null ? "" : esc(number(l.p50(), 1) + " / " + number(l.p95(), 1) + " / " + number(l.p99(), 1));
    }

    /** A value with its unit: rates without decimals, anything else with one. */
    private static String amount(double value, String unit) {
        String number = number(value, isRate(unit) ? 0 : 1);
        return unit == null || unit.isBlank() || !Double.isFinite(value) ? number : number + " " + unit;
    }

    private static String number(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,." + decimals + "f", value) : DASH;
    }

    private static boolean isRate(String unit) {
        return unit != null && unit.endsWith("/s");
    }

    /** The number in a goal such as {@code ">= 2,000"} or {@code "< 50"}, or NaN. */
    private static double goal(String goal) {
        Matcher m = NUMBER.matcher(goal == null ? "" : goal);
        if (!m.find()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(m.group().replace(",", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String duration(Duration d) {
        if (d == null) {
            return DASH;
        }
        long s = d.toSeconds();
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min %02d s", s / 3600, s % 3600 / 60, s % 60)
                : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    private static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One bar: its label, its value (for the length) and the text shown beside it. */
    private record Bar(String label, double value, String text, String css) {
    }

    /** Bars shown together under a title, with the target's position (NaN for none). */
    private record Group(String title, List<Bar> bars, double marker, String goal) {

        boolean hasTitleRow() {
            return (title != null && !title.isBlank()) || Double.isFinite(marker);
        }
    }
}
