package org.jobstream.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.infra.bench.report.BenchReport.Baseline;
import org.jobstream.infra.bench.report.BenchReport.Figure;
import org.jobstream.infra.bench.report.BenchReport.Target;
import org.jobstream.infra.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream bench search}: latency of typical searches and a summary through Jobstream,
 * beside the same query sent straight to Elasticsearch in the same run. The ratio is the figure
 * to track: what the API, the consistency barrier and the visibility rules cost on top of the index.
 * Load jobs first with {@code ./jobstream bench load}.
 */
@Command(name = "search", description = "Search and summary latency through Jobstream and straight on Elasticsearch")
class SearchBench implements Callable<Integer> {

    @Option(names = "--requests", defaultValue = "300", description = "requests per query (default ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--concurrency", defaultValue = "2")
    int concurrency;

    private static final ObjectMapper JSON = JobEventCodec.defaultMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        for (Figure figure : measure(requests, concurrency)) {
            System.out.printf(Locale.ROOT, "%-60s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms | Elasticsearch p95 %6.1f ms  x%.1f%n",
                    figure.title(), figure.latency().p50(), figure.latency().p95(), figure.latency().p99(),
                    figure.baseline().latency().p95(), figure.ratio());
        }
        return 0;
    }

    /** How many jobs search sees (an administrator's summary by VO). */
    static long jobsInReadModels(ApiClient admin) throws Exception {
        return admin.send("POST", "/api/jobs/summary", Map.of("grouping", List.of("VO")), 200).findValues("count")
                .stream().mapToLong(JsonNode::asLong).sum();
    }

    /**
     * Latency of typical searches and of a summary through Jobstream, each beside the same query
     * straight on Elasticsearch, over the jobs there are now. At a million jobs and more, each
     * figure carries its target (search p95 under 50 ms, summary p95 under 100 ms).
     */
    List<Figure> measure(int requests, int concurrency) throws Exception {
        ApiClient admin = BenchCommand.client("bench-admin", "JobAdministrator");
        String elasticsearch = BenchCommand.stack().elasticsearch() + "/jobstream-jobs/_search";
        long total = jobsInReadModels(admin);
        long maxId = admin.send("POST", "/api/jobs/search?per_page=1", Map.of("parameters", List.of("JobID"),
                "sort", List.of(Map.of("parameter", "JobID", "direction", "desc"))), 200, 206).get(0).get("JobID").asLong();
        System.err.printf("Search latency over %,d jobs, %d requests per query, %d client threads%n", total, requests, concurrency);
        Random random = new Random(42);
        String size = String.format(Locale.ROOT, " (%,d jobs)", total);
        boolean atScale = total >= 1_000_000;
        List<Figure> figures = new ArrayList<>();
        Runs runs = new Runs(requests, concurrency, admin, elasticsearch);
        figures.add(runs.compare("search-owner-status", "search: owner + status" + size, atScale ? 50.0 : null,
                i -> Map.of("search", List.of(filter("Owner", "eq", "user" + (i % 50)), filter("Status", "eq", "Running"))),
                i -> esQuery(List.of(term("Owner", "user" + (i % 50)), term("Status", "Running")), null, 100)));
        figures.add(runs.compare("search-job-ids", "search: 100 job IDs" + size, atScale ? 50.0 : null,
                i -> Map.of("search", List.of(Map.of("parameter", "JobID", "operator", "in", "values", randomIds(random, maxId)))),
                i -> esQuery(List.of(Map.of("terms", Map.of("JobID", randomIds(random, maxId)))), null, 100)));
        figures.add(runs.compare("search-site-sorted", "search: site, newest first" + size, atScale ? 50.0 : null,
                i -> Map.of("search", List.of(filter("Site", "eq", "LCG.CERN.ch")),
                        "sort", List.of(Map.of("parameter", "SubmissionTime", "direction", "desc"))),
                i -> esQuery(List.of(term("Site", "LCG.CERN.ch")), "SubmissionTime", 100)));
        List<Map<String, Object>> sources = List.of(
                Map.of("Status", Map.of("terms", Map.of("field", "Status"))),
                Map.of("Site", Map.of("terms", Map.of("field", "Site"))));
        Map<String, Object> aggregation = Map.of("size", 0,
                "aggs", Map.of("groups", Map.of("composite", Map.of("size", 1000, "sources", sources))));
        LoadRun.Result summary = LoadRun.run("summary by status and site", requests, concurrency,
                i -> admin.send("POST", "/api/jobs/summary", Map.of("grouping", List.of("Status", "Site")), 200).size(), System.err);
        LoadRun.Result rawSummary = LoadRun.run("summary straight on Elasticsearch", requests, concurrency,
                i -> es(elasticsearch, aggregation), System.err);
        figures.add(figure("summary-status-site", "summary: by status and site" + size, atScale ? 100.0 : null,
                summary, rawSummary));
        return figures;
    }

    /** The requests of one size's figures: each query through Jobstream, then straight on Elasticsearch. */
    private record Runs(int requests, int concurrency, ApiClient admin, String elasticsearch) {

        Figure compare(String id, String title, Double target, IntFunction<Map<String, Object>> apiBody,
                       IntFunction<Map<String, Object>> esBody) throws Exception {
            LoadRun.Result api = LoadRun.run(title, requests, concurrency,
                    i -> admin.send("POST", "/api/jobs/search?per_page=100", apiBody.apply(i), 200, 206).size(), System.err);
            LoadRun.Result raw = LoadRun.run("straight on Elasticsearch", requests, concurrency,
                    i -> es(elasticsearch, esBody.apply(i)), System.err);
            return figure(id, title, target, api, raw);
        }
    }

    private static Figure figure(String id, String title, Double target, LoadRun.Result api, LoadRun.Result raw) {
        double p95 = api.latency().p95();
        return new Figure(id, "read", title, "ms", p95, api.latency(),
                new Baseline("the same query straight on Elasticsearch", "ms", raw.latency().p95(), raw.latency()),
                target == null ? null : Target.below(target, p95),
                api.errors() + raw.errors() == 0 ? null : (api.errors() + raw.errors()) + " requests failed");
    }

    private static int es(String url, Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("Elasticsearch answered " + response.statusCode());
        }
        return 1;
    }

    private static Map<String, Object> esQuery(List<Map<String, Object>> filters, String sortDesc, int size) {
        return sortDesc == null
                ? Map.of("size", size, "query", Map.of("bool", Map.of("filter", filters)), "sort", List.of(Map.of("JobID", "asc")),
                        "track_total_hits", true)
                : Map.of("size", size, "query", Map.of("bool", Map.of("filter", filters)),
                        "sort", List.of(Map.of(sortDesc, "desc"), Map.of("JobID", "asc")), "track_total_hits", true);
    }

    private static Map<String, Object> term(String field, Object value) {
        return Map.of("term", Map.of(field, value));
    }

    private static Map<String, Object> filter(String parameter, String operator, Object value) {
        return Map.of("parameter", parameter, "operator", operator, "value", value);
    }

    private static List<Long> randomIds(Random random, long maxId) {
        return random.longs(100, 1, maxId + 1).boxed().toList();
    }
}
