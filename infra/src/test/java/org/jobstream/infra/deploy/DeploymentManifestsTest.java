package org.jobstream.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.deploy.Manifests.get;
import static org.jobstream.infra.deploy.Manifests.list;
import static org.jobstream.infra.deploy.Manifests.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jobstream.infra.deploy.Manifests.Document;
import org.junit.jupiter.api.Test;

/**
 * infra/deploy's manifests validate against the Kubernetes API's schema and fit the services; each
 * kind of mistake below, made on a copy, is caught.
 */
class DeploymentManifestsTest {

    @Test
    void theManifestsFitTheSchemaAndTheServices() {
        List<Document> docs = Manifests.load();

        assertThat(docs).extracting(Document::kind)
                .contains("Deployment", "Service", "PodDisruptionBudget", "ConfigMap", "Secret", "Ingress");
        assertThat(ManifestChecks.problems(docs)).isEmpty();
    }

    @Test
    void everyServiceRunsAtLeastTwoReplicasWithProbesOnItsHealthGroups() {
        for (String name : ServiceModule.NAMES) {
            Map<String, Object> container = container(Manifests.load(), name);
            ServiceModule module = ServiceModule.load(name);
            assertThat(get(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(get(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(list(container, "ports")).extracting(p -> p.get("containerPort")).contains(module.port());
        }
    }

    @Test
    void aMisspelledFieldIsCaughtByTheSchema() {
        assertThat(problemsAfter(docs -> {
            Map<String, Object> container = container(docs, "query-service");
            container.put("livenessProbes", container.remove("livenessProbe"));
        })).anyMatch(p -> p.contains("livenessProbes") && p.contains("not defined"))
                .anyMatch(p -> p.contains("no livenessProbe"));
    }

    @Test
    void aFieldOfTheWrongKindIsCaughtByTheSchema() {
        assertThat(problemsAfter(docs -> map(container(docs, "projections"), "readinessProbe", "httpGet")
                .put("paths", "/actuator/health/readiness")))
                .anyMatch(p -> p.contains("`paths`") && p.contains("V1HTTPGetAction"));
    }

    @Test
    void aMissingProbeIsCaught() {
        assertThat(problemsAfter(docs -> container(docs, "command-service").remove("readinessProbe")))
                .anyMatch(p -> p.contains("command-service") && p.contains("no readinessProbe"));
    }

    @Test
    void aProbeOnAnotherPortThanTheServicesIsCaught() {
        assertThat(problemsAfter(docs -> map(container(docs, "query-service"), "livenessProbe", "httpGet").put("port", 8081)))
                .anyMatch(p -> p.contains("livenessProbe on port 8081, which is no port of the container"));
        assertThat(problemsAfter(docs -> list(container(docs, "query-service"), "ports").get(0).put("containerPort", 8080)))
                .anyMatch(p -> p.contains("no containerPort 8082"));
    }

    @Test
    void aProbeOnAPathTheServiceDoesNotAnswerIsCaught() {
        assertThat(problemsAfter(docs -> map(container(docs, "projections"), "readinessProbe", "httpGet")
                .put("path", "/actuator/health/ready")))
                .anyMatch(p -> p.contains("asks /actuator/health/ready, the service answers /actuator/health/readiness"));
    }

    @Test
    void anEnvironmentVariableTheServiceDoesNotReadIsCaught() {
        assertThat(problemsAfter(docs -> list(container(docs, "command-service"), "env")
                .add(new LinkedHashMap<>(Map.of("name", "SPRING_ELASTICSEARCH_URIS", "value", "http://es:9200")))))
                .anyMatch(p -> p.contains("command-service reads no environment variable SPRING_ELASTICSEARCH_URIS"));
        assertThat(problemsAfter(docs -> list(container(docs, "command-service"), "env")
                .add(new LinkedHashMap<>(Map.of("name", "JOBSTREAM_S3_ENDPIONT", "value", "http://s3")))))
                .anyMatch(p -> p.contains("reads no environment variable JOBSTREAM_S3_ENDPIONT"));
    }

    @Test
    void aKeyMissingFromTheConfigMapOrTheSecretIsCaught() {
        assertThat(problemsAfter(docs -> docs.stream().filter(d -> d.kind().equals("ConfigMap") && d.name().equals("jobstream-config"))
                .forEach(d -> map(d.body(), "data").remove("elasticsearch-uris"))))
                .anyMatch(p -> p.contains("SPRING_ELASTICSEARCH_URIS from ConfigMap key jobstream-config/elasticsearch-uris"));
        assertThat(problemsAfter(docs -> docs.stream().filter(d -> d.kind().equals("Secret"))
                .forEach(d -> map(d.body(), "stringData").remove("s3-secret-key"))))
                .anyMatch(p -> p.contains("JOBSTREAM_S3_SECRET_KEY from Secret key jobstream-secrets/s3-secret-key"));
    }

    @Test
    void aCredentialLeftAtItsLocalDefaultIsCaught() {
        assertThat(problemsAfter(docs -> list(container(docs, "projections"), "env")
                .removeIf(e -> e.get("name").equals("SPRING_DATASOURCE_PASSWORD"))))
                .anyMatch(p -> p.contains("spring.datasource.password keeps its local default"));
    }

    @Test
    void aSingleReplicaOrNoDisruptionBudgetIsCaught() {
        assertThat(problemsAfter(docs -> map(deployment(docs, "query-service").body(), "spec").put("replicas", 1)))
                .anyMatch(p -> p.contains("replicas 1"));
        assertThat(problemsAfter(docs -> docs.removeIf(d -> d.kind().equals("PodDisruptionBudget")
                && d.name().equals("jobstream-projections"))))
                .anyMatch(p -> p.contains("jobstream-projections") && p.contains("no PodDisruptionBudget"));
    }

    @Test
    void anIngressToAServiceThatDoesNotExistIsCaught() {
        assertThat(problemsAfter(docs -> docs.stream().filter(d -> d.kind().equals("Ingress")).forEach(d ->
                map(list(list(d.body(), "spec", "rules").get(0), "http", "paths").get(0), "backend", "service")
                        .put("name", "jobstream-entrypoint"))))
                .anyMatch(p -> p.contains("no Service jobstream-entrypoint"));
    }

    private static List<String> problemsAfter(Consumer<List<Document>> mistake) {
        List<Document> docs = new java.util.ArrayList<>(Manifests.load());
        mistake.accept(docs);
        return ManifestChecks.problems(docs);
    }

    private static Document deployment(List<Document> docs, String service) {
        return docs.stream().filter(d -> d.kind().equals("Deployment") && d.name().equals("jobstream-" + service))
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> container(List<Document> docs, String service) {
        return list(deployment(docs, service).body(), "spec", "template", "spec", "containers").stream()
                .filter(c -> c.get("name").equals(service)).findFirst().orElseThrow();
    }
}
