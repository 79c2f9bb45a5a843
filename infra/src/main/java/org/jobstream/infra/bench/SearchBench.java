package org.jobstream.infra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.jobstream.events.cloud.JobEventCodec;
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

    private final ObjectMapper json = JobEventCodec.defaultMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        ApiClient admin = BenchCommand.client("bench-admin", "JobAdministrator");
        String elasticsearch = System.getenv().getOrDefault("JOBSTREAM_ES_URL", "http://127.0.0.1:19200") + "/jobstream-jobs/_search";
        long total = admin.send("POST", "/api/jobs/summary", Map.of("grouping", List.of("VO")), 200).findValues("count")
                .stream().mapToLong(n -> n.asLong()).sum();
        long maxId = admin.send("POST", "/api/jobs/search?per_page=1", Map.of("parameters", List.of("JobID"),
                "sort", List.of(Map.of("parameter", "JobID", "direction", "desc"))), 200, 206).get(0).get("JobID").asLong();
        System.out.printf("Search latency over %d jobs, %d requests per query, %d client threads%n", total, requests, concurrency);
        Random random = new Random(42);

        compare("owner + status", i -> Map.of("search", List.of(
                        filter("Owner", "eq", "user" + (i % 50)), filter("Status", "eq", "Running"))),
                i -> esQuery(List.of(term("Owner", "user" + (i % 50)), term("Status", "Running")), null, 100),
                admin, elasticsearch);
        compare("JobID list (100 ids)", i -> Map.of("search", List.of(Map.of("parameter", "JobID", "operator", "in",
                        "values", randomIds(random, maxId)))),
                i -> esQuery(List.of(Map.of("terms", Map.of("JobID", randomIds(random, maxId)))), null, 100),
                admin, elasticsearch);
        compare("site, sorted by submission time", i -> Map.of("search", List.of(filter("Site", "eq", "LCG.CERN.ch")),
                        "sort", List.of(Map.of("parameter", "SubmissionTime", "direction", "desc"))),
                i -> esQuery(List.of(term("Site", "LCG.CERN.ch")), "SubmissionTime", 100),
                admin, elasticsearch);
        LoadRun.Result summary = LoadRun.run("summary by status and site", requests, concurrency,
                i -> admin.send("POST", "/api/jobs/summary", Map.of("grouping", List.of("Status", "Site")), 200).size(), System.err);
        List<Map<String, Object>> sources = List.of(
                Map.of("Status", Map.of("terms", Map.of("field", "Status"))),
                Map.of("Site", Map.of("terms", Map.of("field", "Site"))));
        Map<String, Object> aggregation = Map.of("size", 0,
                "aggs", Map.of("groups", Map.of("composite", Map.of("size", 1000, "sources", sources))));
        LoadRun.Result rawSummary = LoadRun.run("summary straight on Elasticsearch", requests, concurrency,
                i -> es(elasticsearch, aggregation), System.err);
        print(summary, rawSummary);
        return 0;
    }

    private void compare(String name, IntFunction<Map<String, Object>> apiBody, IntFunction<Map<String, Object>> esBody,
                         ApiClient admin, String elasticsearch) throws Exception {
        LoadRun.Result api = LoadRun.run("search: " + name, requests, concurrency,
                i -> admin.send("POST", "/api/jobs/search?per_page=100", apiBody.apply(i), 200, 206).size(), System.err);
        LoadRun.Result raw = LoadRun.run("straight on Elasticsearch", requests, concurrency,
                i -> es(elasticsearch, esBody.apply(i)), System.err);
        print(api, raw);
    }

    private static void print(LoadRun.Result api, LoadRun.Result raw) {
        System.out.println(api.summary("rows"));
        System.out.println(raw.summary("rows"));
        System.out.printf("%-44s p50 x%.1f  p95 x%.1f%n", "  ratio Jobstream / Elasticsearch",
                api.percentileMillis(50) / raw.percentileMillis(50), api.percentileMillis(95) / raw.percentileMillis(95));
    }

    private int es(String url, Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build(),
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
