package org.jobstream.infra.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard of infra/deploy/grafana and the metrics its queries use. */
public final class DashboardQueries {

    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate",
            "increase", "histogram_quantile", "by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "offset", "bool", "topk", "bottomk", "delta", "abs", "clamp_min", "clamp_max");
    private static final Pattern IDENTIFIER = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

    private DashboardQueries() {}

    public static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(Manifests.dir().resolve("grafana/jobstream.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every metric name the dashboard's queries use. */
    public static Set<String> metricsUsed() {
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                used.addAll(metricNames(target.path("expr").asText()));
            }
        }
        return used;
    }

    /** The metric names of a PromQL expression: identifiers that are no function, keyword, label or range. */
    public static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", " ")                        // label matchers
                .replaceAll("\\[[^]]*]", " ")                                   // ranges
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")  // grouping labels
                .replaceAll("\"[^\"]*\"", " ");                                 // strings
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (m.group(2) == null && !PROMQL_WORDS.contains(m.group(1)) && !m.group(1).matches("\\d.*")) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
