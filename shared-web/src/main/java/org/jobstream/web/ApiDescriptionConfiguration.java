package org.jobstream.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The API description of every Jobstream web service names its operations, tags and schemas as
 * DiracX's does, so that DiracX's client generator reads Jobstream's description as DiracX's: an
 * operation is {@code <tag>_<name>} ({@code jobs_submit_jdl_jobs}, {@code jobs_search}, ...), the tag is
 * the system ({@code jobs}), and the schemas have DiracX's names where Jobstream's types are
 * DiracX's models. Jobstream's own routes are named in the same style ({@link #OPERATIONS}); a route
 * missing from the table still gets a name of that form from its path and handler.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
public class ApiDescriptionConfiguration {

    /** A route's name in the description; {@code body} renames its request body's schema. */
    public record Operation(String method, String path, String tag, String name, String body) {

        public String operationId() {
            return tag + "_" + name;
        }
    }

    /**
     * Every route behind the entry point: DiracX's (its generated client's operations at commit
     * 712f32e9 of DIRACGrid/diracx) and then Jobstream's additions.
     */
    public static final List<Operation> OPERATIONS = List.of(
            new Operation("GET", "/.well-known/openid-configuration", ".well-known", "get_openid_configuration", null),
            new Operation("GET", "/.well-known/jwks.json", ".well-known", "get_jwks", null),
            new Operation("POST", "/api/jobs/jdl", "jobs", "submit_jdl_jobs", null),
            new Operation("POST", "/api/jobs/search", "jobs", "search", null),
            new Operation("POST", "/api/jobs/summary", "jobs", "summary", null),
            new Operation("PATCH", "/api/jobs/status", "jobs", "set_job_statuses", null),
            new Operation("PATCH", "/api/jobs/heartbeat", "jobs", "add_heartbeat", null),
            new Operation("POST", "/api/jobs/reschedule", "jobs", "reschedule_jobs", "Body_jobs_reschedule_jobs"),
            new Operation("PATCH", "/api/jobs/metadata", "jobs", "patch_metadata", null),
            new Operation("POST", "/api/jobs/sandbox", "jobs", "initiate_sandbox_upload", null),
            new Operation("GET", "/api/jobs/sandbox", "jobs", "get_sandbox_file", null),
            new Operation("GET", "/api/jobs/{job_id}/sandbox", "jobs", "get_job_sandboxes", null),
            new Operation("GET", "/api/jobs/{job_id}/sandbox/{sandbox_type}", "jobs", "get_job_sandbox", null),
            new Operation("PATCH", "/api/jobs/{job_id}/sandbox/output", "jobs", "assign_sandbox_to_job", null),
            new Operation("DELETE", "/api/jobs/{job_id}/sandbox", "jobs", "unassign_job_sandboxes", null),
            new Operation("POST", "/api/jobs/sandbox/unassign", "jobs", "unassign_bulk_jobs_sandboxes",
                    "Body_jobs_unassign_bulk_jobs_sandboxes"),
            // Jobstream's additions
            new Operation("GET", "/api/jobs/{job_id}/history", "jobs", "get_job_history", null),
            new Operation("GET", "/api/jobs/events", "jobs", "follow_job_events", null),
            new Operation("POST", "/admin/sandboxes/clean", "admin", "clean_sandboxes", null),
            new Operation("POST", "/admin/job-cache/evict", "admin", "evict_job_cache", null),
            new Operation("POST", "/admin/archive", "admin", "archive_jobs", null));

    /** Jobstream's type names whose types are DiracX's models, and names in DiracX's style for its own. */
    public static final Map<String, String> SCHEMAS = Map.of(
            "JobResultsJobStatusChange", "SetJobStatusReturn",
            "JobStatusChange", "SetJobStatusReturnSuccess",
            "JobResultsMapStringObject", "RescheduleJobsReturn",
            "Report", "SandboxCleaningReport");

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer diracxApiNames() {
        return ApiDescriptionConfiguration::name;
    }

    /** Names the operations, tags and schemas of a description (again: it is idempotent). */
    public static void name(OpenAPI api) {
        Map<String, Operation> byRoute = new LinkedHashMap<>();
        OPERATIONS.forEach(o -> byRoute.put(o.method() + " " + o.path(), o));
        Map<String, Schema> schemas = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? new LinkedHashMap<>() : api.getComponents().getSchemas();
        Set<String> tags = new LinkedHashSet<>();
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                Operation named = byRoute.get(method.name() + " " + path);
                String tag = named != null ? named.tag() : tagOf(path);
                String current = operation.getOperationId() == null ? "operation" : operation.getOperationId();
                String name = named != null ? named.name()
                        : current.startsWith(tag + "_") ? current.substring(tag.length() + 1) : snake(current);
                operation.setOperationId(tag + "_" + name);
                operation.setTags(new ArrayList<>(List.of(tag)));
                tags.add(tag);
                if (named != null && named.body() != null) {
                    renameBody(operation, named.body(), schemas);
                }
            }));
        }
        SCHEMAS.forEach((from, to) -> {
            if (schemas.containsKey(from) && !schemas.containsKey(to)) {
                schemas.put(to, schemas.get(from));
            }
            if (schemas.containsKey(to)) {
                schemas.remove(from);
            }
        });
        Set<String> used = new LinkedHashSet<>();
        visitSchemas(api, schema -> {
            String ref = schema.get$ref();
            if (ref != null && ref.startsWith(REF)) {
                String target = ref.substring(REF.length());
                String renamed = SCHEMAS.getOrDefault(target, target);
                schema.set$ref(REF + renamed);
                used.add(renamed);
            }
        });
        schemas.keySet().removeIf(name -> !used.contains(name));
        api.setTags(tags.stream().map(t -> new Tag().name(t)).toList());
    }

    private static final String REF = "#/components/schemas/";

    /** The request body's schema gets its own name (DiracX names each embedded body after its route). */
    private static void renameBody(io.swagger.v3.oas.models.Operation operation, String name, Map<String, Schema> schemas) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        operation.getRequestBody().getContent().values().forEach(media -> {
            Schema<?> body = media.getSchema();
            if (body != null && body.get$ref() != null && body.get$ref().startsWith(REF)) {
                String from = body.get$ref().substring(REF.length());
                if (schemas.containsKey(from) && !schemas.containsKey(name)) {
                    schemas.put(name, schemas.get(from));
                }
                body.set$ref(REF + name);
            }
        });
    }

    /**
     * Every schema object a description uses, from its routes through the component schemas they
     * refer to (transitively): each is handed to {@code visit} once.
     */
    private static void visitSchemas(OpenAPI api, Consumer<Schema<?>> visit) {
        Map<String, Schema> components = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? Map.of() : api.getComponents().getSchemas();
        Deque<Schema<?>> toVisit = new ArrayDeque<>();
        Set<Schema<?>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(item -> {
                if (item.getParameters() != null) {
                    item.getParameters().forEach(p -> push(toVisit, p.getSchema()));
                }
                item.readOperations().forEach(operation -> {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(p -> push(toVisit, p.getSchema()));
                    }
                    if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                        operation.getRequestBody().getContent().values().forEach(m -> push(toVisit, m.getSchema()));
                    }
                    if (operation.getResponses() != null) {
                        operation.getResponses().values().forEach(r -> {
                            if (r.getContent() != null) {
                                r.getContent().values().forEach(m -> push(toVisit, m.getSchema()));
                            }
                        });
                    }
                });
            });
        }
        while (!toVisit.isEmpty()) {
            Schema<?> schema = toVisit.pop();
            if (!seen.add(schema)) {
                continue;
            }
            visit.accept(schema);
            if (schema.get$ref() != null && schema.get$ref().startsWith(REF)) {
                push(toVisit, components.get(schema.get$ref().substring(REF.length())));
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(s -> push(toVisit, s));
            }
            push(toVisit, schema.getItems());
            if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
                push(toVisit, additional);
            }
            for (List<Schema> composed : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (composed != null) {
                    composed.forEach(s -> push(toVisit, s));
                }
            }
            push(toVisit, schema.getNot());
        }
    }

    private static void push(Deque<Schema<?>> toVisit, Schema<?> schema) {
        if (schema != null) {
            toVisit.push(schema);
        }
    }

    /** {@code /api/<system>/...} is the system's route; anything else is named after its first segment. */
    static String tagOf(String path) {
        List<String> segments = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
        if (segments.size() > 1 && segments.get(0).equals("api")) {
            return segments.get(1);
        }
        return segments.get(0).isEmpty() ? "jobstream" : segments.get(0);
    }

    /** {@code unassignJobs} and springdoc's {@code unassignJobs_1} become {@code unassign_jobs}. */
    static String snake(String name) {
        return name.replaceAll("_\\d+$", "").replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
