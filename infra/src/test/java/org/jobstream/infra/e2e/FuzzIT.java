package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jobstream.api.ApiHeaders;
import org.junit.jupiter.api.Test;

/**
 * A fuzz pass over every route (issue 13): random and boundary bodies, paths and queries from a
 * fixed seed ({@code -Djobstream.fuzz.seed=N} for others), sent as a user, a pilot and an
 * administrator. No answer is a 5xx, every refusal has a JSON detail, and every job a submission
 * acknowledged is found afterwards with every change acknowledged on it, as the read models say
 * when asked for the newest position any answer carried.
 */
class FuzzIT {

    private static final String PUNCTUATION = " {}[]\"';=%_\\*.<>&|";
    private static final long SEED = Long.getLong("jobstream.fuzz.seed", 20_261_203L);
    private static final int REQUESTS = Integer.getInteger("jobstream.fuzz.requests", 600);

    private final Random random = new Random(SEED);
    private final String user = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> tokens = List.of(token(user, "NormalUser"),
            token("fuzz-pilot", "lhcb", "lhcb_pilot", Duration.ofHours(1), "GenericPilot"),
            token("fuzz-admin", "JobAdministrator"));
    private final List<Long> jobs = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private long newest;

    private static final List<String[]> ROUTES = List.of(
            new String[] {"POST", "/api/jobs/jdl"}, new String[] {"POST", "/api/jobs/search"},
            new String[] {"POST", "/api/jobs/summary"}, new String[] {"PATCH", "/api/jobs/status"},
            new String[] {"PATCH", "/api/jobs/heartbeat"}, new String[] {"PATCH", "/api/jobs/metadata"},
            new String[] {"POST", "/api/jobs/reschedule"}, new String[] {"POST", "/api/jobs/sandbox"},
            new String[] {"GET", "/api/jobs/sandbox"}, new String[] {"GET", "/api/jobs/{id}/sandbox"},
            new String[] {"GET", "/api/jobs/{id}/sandbox/output"}, new String[] {"PATCH", "/api/jobs/{id}/sandbox/output"},
            new String[] {"DELETE", "/api/jobs/{id}/sandbox"}, new String[] {"POST", "/api/jobs/sandbox/unassign"},
            new String[] {"GET", "/api/jobs/{id}/history"});

    @Test
    void noInputGivesA5xxAndEverythingAcknowledgedIsVisible() throws Exception {
        Stack.Answer seed = call("POST", "/api/jobs/jdl", tokens.get(0), List.of("Executable = \"echo\";", "Executable = \"ls\";"));
        seed.json().forEach(job -> jobs.add(job.get("JobID").asLong()));
        for (int i = 0; i < REQUESTS; i++) {
            String[] route = ROUTES.get(random.nextInt(ROUTES.size()));
            String path = route[1].replace("{id}", id()) + query(route[1]);
            byte[] body = route[0].equals("GET") || route[0].equals("DELETE") ? new byte[0] : body(route[1]);
            String who = tokens.get(random.nextInt(tokens.size()));
            Stack.Answer answer = Stack.sendOnce(route[0], path, who, body, Map.of());
            check(route[0] + " " + path + " " + abbreviated(body), answer);
        }
        assertThat(failures).as("answers that were a 5xx or had no JSON detail").isEmpty();

        for (long jobId : jobs) {
            Stack.Answer found = Stack.send("POST", "/api/jobs/search", tokens.get(2), Stack.JSON.writeValueAsBytes(Map.of(
                    "parameters", List.of("JobID"), "search", List.of(Map.of("parameter", "JobID", "operator", "eq",
                            "value", jobId)))), Map.of(ApiHeaders.POSITION, Long.toString(newest)));
            assertThat(found.status()).as(found.text()).isEqualTo(200);
            assertThat(found.json()).as("acknowledged job %d is found", jobId).hasSize(1);
        }
    }

    private void check(String request, Stack.Answer answer) {
        answer.header(ApiHeaders.POSITION).ifPresent(position -> newest = Math.max(newest, Long.parseLong(position)));
        if (answer.status() >= 500 && answer.status() != 503) {
            failures.add(answer.status() + " for " + request + ": " + answer.text());
            return;
        }
        // a page past the end is 416 with an empty list and Content-Range, as search answers it
        if (answer.status() >= 400 && answer.status() != 416 && !answer.text().contains("\"detail\"")) {
            failures.add(answer.status() + " without a detail for " + request + ": " + answer.text());
        }
        if (answer.status() == 201 && request.startsWith("POST /api/jobs/jdl")) {
            answer.json().forEach(job -> jobs.add(job.get("JobID").asLong()));
        }
    }

    private String id() {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> String.valueOf(jobs.get(random.nextInt(jobs.size())));
            case 3 -> String.valueOf(random.nextLong());
            case 4 -> "0";
            default -> java.net.URLEncoder.encode(text(6), StandardCharsets.UTF_8);
        };
    }

    private String query(String route) {
        return switch (random.nextInt(8)) {
            case 0 -> "?page=" + random.nextInt(5) + "&per_page=" + (random.nextInt(12_000) - 100);
            case 1 -> "?force=" + (random.nextBoolean() ? "true" : "maybe");
            case 2 -> route.equals("/api/jobs/sandbox") ? "?pfn=" + java.net.URLEncoder.encode(text(40), StandardCharsets.UTF_8) : "";
            case 3 -> "?reset_jobs=" + java.net.URLEncoder.encode(text(3), StandardCharsets.UTF_8);
            case 4 -> "?as_of=2026-" + random.nextInt(20) + "-01T00:00:00Z";
            default -> "";
        };
    }

    private byte[] body(String route) throws Exception {
        if (random.nextInt(10) == 0) {
            return text(random.nextInt(50)).getBytes(StandardCharsets.UTF_8); // not JSON at all
        }
        Object body = switch (route) {
            case "/api/jobs/jdl" -> random.nextInt(3) == 0 ? value(2) : list(jdl(), random.nextBoolean() ? jdl() : value(1));
            case "/api/jobs/search", "/api/jobs/summary" -> map(
                    pick("search", "grouping", "parameters", "sort", "distinct", text(4)), random.nextBoolean()
                            ? list(map("parameter", pick("Status", "JobID", "Site", "LoadAverage", text(5)),
                                    "operator", pick("eq", "neq", "in", "not in", "like", "regex", "gt", "lt", text(3)),
                                    pick("value", "values"), value(2)))
                            : value(2));
            case "/api/jobs/status", "/api/jobs/heartbeat", "/api/jobs/metadata" -> byJob(() -> switch (route) {
                case "/api/jobs/status" -> map(pick("2026-12-03T10:00:00Z", "2026-12-03 10:00:00", "1e300", text(8),
                        java.time.Instant.now().toString()), map(pick("Status", "MinorStatus", "ApplicationStatus",
                        "Source", text(4)), value(1)));
                case "/api/jobs/heartbeat" -> map(pick("LoadAverage", "MemoryUsed", "StandardOutput", "CPUConsumed",
                        text(4)), value(1));
                default -> map(pick("UserPriority", "Site", "HeartBeatTime", "JobType", "VerifiedFlag",
                        "AccountedFlag", "Owner", "GridCE", text(6)), value(1));
            });
            case "/api/jobs/reschedule", "/api/jobs/sandbox/unassign" -> map(pick("job_ids", text(4)),
                    random.nextBoolean() ? list(jobs.get(random.nextInt(jobs.size())), random.nextLong()) : value(2));
            case "/api/jobs/sandbox" -> map("checksum_algorithm", pick("sha256", "md5", text(3)),
                    "checksum", pick("a".repeat(64), text(64), ""), "size", random.nextInt(3) == 0 ? -1 : random.nextInt(1000),
                    "format", pick("tar.bz2", "tar.zst", "zip", text(3)));
            default -> value(2);
        };
        return Stack.JSON.writeValueAsBytes(body);
    }

    private Map<String, Object> byJob(java.util.function.Supplier<Object> entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            body.put(id(), entry.get());
        }
        return body;
    }

    private String jdl() {
        return switch (random.nextInt(5)) {
            case 0 -> "Executable = \"echo\"; JobName = \"" + text(10).replace("\"", "") + "\";";
            case 1 -> "Executable = \"echo\"; Parameters = " + random.nextInt(30) + ";";
            case 2 -> "[" + text(20);
            case 3 -> "Executable = \"echo\"; Site = \"" + "S".repeat(random.nextInt(150)) + "\";";
            default -> text(30);
        };
    }

    private Object value(int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 6)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> pick(Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, 1e308, 3.5, random.nextInt());
            case 3 -> text(random.nextInt(40));
            case 4 -> "x".repeat(random.nextInt(3) == 0 ? 70_000 : random.nextInt(300));
            case 5 -> pick("Running", "Done", "Killed", "2026-12-03T10:00:00Z", "%", ".*", "' OR 1=1 --");
            case 6 -> list(value(depth - 1), value(depth - 1));
            case 7 -> map(text(5), value(depth - 1));
            default -> map("parameter", value(depth - 1), "operator", value(depth - 1));
        };
    }

    private String text(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.appendCodePoint(kind < 6 ? 'a' + random.nextInt(26)
                    : kind < 8 ? PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()))
                    : kind == 8 ? 0x00e0 + random.nextInt(200) : 0x1F600 + random.nextInt(50));
        }
        return text.toString();
    }

    /** A list that may hold null. */
    private static List<Object> list(Object... values) {
        return java.util.Arrays.asList(values);
    }

    /** A map that may hold null, from keys and values in turn. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return map;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String abbreviated(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
