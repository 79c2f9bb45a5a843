package org.jobstream.infra.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests under infra/deploy, read as the API server would take them, and checked
 * against the API's schema: the validators of the Kubernetes Java client's models, generated from
 * the Kubernetes OpenAPI description (unknown fields, missing required fields, wrong shapes).
 */
final class Manifests {

    /** A document of a manifest file, with where it came from. */
    record Document(String source, Map<String, Object> body) {
        String kind() {
            return String.valueOf(body.get("kind"));
        }

        String name() {
            return String.valueOf(Manifests.get(body, "metadata", "name"));
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + source + ")";
        }
    }

    private static final Gson GSON = new Gson();

    /** Each kind the manifests may use, by apiVersion and kind, with its schema's validator. */
    private static final Map<String, Consumer<JsonElement>> SCHEMAS = Map.of(
            "apps/v1 Deployment", json -> validate(V1Deployment::validateJsonElement, json),
            "v1 Service", json -> validate(V1Service::validateJsonElement, json),
            "v1 ConfigMap", json -> validate(V1ConfigMap::validateJsonElement, json),
            "v1 Secret", json -> validate(V1Secret::validateJsonElement, json),
            "policy/v1 PodDisruptionBudget", json -> validate(V1PodDisruptionBudget::validateJsonElement, json),
            "networking.k8s.io/v1 Ingress", json -> validate(V1Ingress::validateJsonElement, json));

    private interface Validator {
        void validate(JsonElement json) throws IOException;
    }

    private static void validate(Validator validator, JsonElement json) {
        try {
            validator.validate(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifests() {}

    static Path dir() {
        return ServiceModule.root().resolve("infra/deploy");
    }

    /** The manifests that {@code kubectl apply -f infra/deploy/} applies, and the example Secret. */
    static List<Document> load() {
        List<Document> docs = new ArrayList<>();
        for (Path file : files(dir())) {
            docs.addAll(read(file));
        }
        for (Path file : files(dir().resolve("examples"))) {
            docs.addAll(read(file));
        }
        return docs;
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Document> read(Path file) {
        List<Document> docs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object doc : new Yaml().loadAll(in)) {
                if (doc != null) {
                    docs.add(new Document(dir().relativize(file).toString(), (Map<String, Object>) doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** What the schema says is wrong with a document, or nothing. */
    static List<String> schemaProblems(Document doc) {
        String type = doc.body().get("apiVersion") + " " + doc.kind();
        Consumer<JsonElement> schema = SCHEMAS.get(type);
        if (schema == null) {
            return List.of(doc + ": no schema for " + type);
        }
        try {
            schema.accept(GSON.toJsonTree(doc.body()));
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(doc + ": " + e.getMessage());
        }
    }

    /** The value at a path of map keys, or null. */
    static Object get(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, String... path) {
        Object value = get(node, path);
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = get(node, path);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
