package org.jobstream.infra.deploy;

import static org.jobstream.infra.deploy.Manifests.get;
import static org.jobstream.infra.deploy.Manifests.list;
import static org.jobstream.infra.deploy.Manifests.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jobstream.infra.deploy.Manifests.Document;

/**
 * What the schema cannot tell: that the manifests fit the services. Each Deployment runs enough
 * replicas with resources, a disruption budget and a Service; its probes reach the port the service
 * listens on and, for the three services, Spring Boot's liveness and readiness groups; every
 * environment variable is one the service reads, from a ConfigMap or Secret key that exists; the
 * credentials of application.yml come from the Secret; the Ingress and the URLs name existing
 * Services.
 */
final class ManifestChecks {

    /** Read by the JVM itself, not by Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    private static final Pattern CREDENTIAL = Pattern.compile(".*(password|secret-key|access-key)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");
    private static final Pattern IN_CLUSTER_URL = Pattern.compile("https?://(jobstream-[a-z-]+):(\\d+)");

    private final List<Document> docs;
    private final List<String> problems = new ArrayList<>();

    private ManifestChecks(List<Document> docs) {
        this.docs = docs;
    }

    static List<String> problems(List<Document> docs) {
        ManifestChecks checks = new ManifestChecks(docs);
        docs.forEach(doc -> checks.problems.addAll(Manifests.schemaProblems(doc)));
        checks.check();
        return checks.problems;
    }

    private void check() {
        List<Document> deployments = ofKind("Deployment");
        Set<String> services = new HashSet<>();
        for (Document deployment : deployments) {
            checkDeployment(deployment);
            for (Map<String, Object> container : list(deployment.body(), "spec", "template", "spec", "containers")) {
                services.add(String.valueOf(container.get("name")));
            }
        }
        for (String name : ServiceModule.NAMES) {
            if (!services.contains(name)) {
                problems.add("no Deployment runs " + name);
            }
        }
        ofKind("Ingress").forEach(this::checkIngress);
    }

    private void checkDeployment(Document deployment) {
        Object replicas = get(deployment.body(), "spec", "replicas");
        if (!(replicas instanceof Integer n) || n < 2) {
            problems.add(deployment + ": replicas " + replicas + ", a stateless service runs at least 2");
        }
        Map<String, Object> podLabels = map(deployment.body(), "spec", "template", "metadata", "labels");
        if (!selects(map(deployment.body(), "spec", "selector", "matchLabels"), podLabels)) {
            problems.add(deployment + ": its selector does not select its pods");
        }
        if (ofKind("PodDisruptionBudget").stream()
                .noneMatch(pdb -> selects(map(pdb.body(), "spec", "selector", "matchLabels"), podLabels))) {
            problems.add(deployment + ": no PodDisruptionBudget selects its pods");
        }
        for (Map<String, Object> container : list(deployment.body(), "spec", "template", "spec", "containers")) {
            String name = String.valueOf(container.get("name"));
            ServiceModule module = ServiceModule.NAMES.contains(name) ? ServiceModule.load(name) : null;
            checkContainer(deployment, container, module, podLabels);
        }
    }

    private void checkContainer(Document deployment, Map<String, Object> container, ServiceModule module,
                                Map<String, Object> podLabels) {
        String where = deployment + ", container " + container.get("name");
        if (get(container, "resources", "requests", "cpu") == null || get(container, "resources", "requests", "memory") == null
                || get(container, "resources", "limits", "memory") == null) {
            problems.add(where + ": no cpu and memory requests and memory limit");
        }
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        for (Map<String, Object> port : list(container, "ports")) {
            ports.put(String.valueOf(port.get("name")), (Integer) port.get("containerPort"));
        }
        Map<String, Map<String, Object>> env = new java.util.LinkedHashMap<>();
        list(container, "env").forEach(e -> env.put(String.valueOf(e.get("name")), e));

        Integer listening = null;
        if (module != null) {
            listening = module.port();
            if (env.containsKey("SERVER_PORT")) {
                listening = Integer.valueOf(String.valueOf(env.get("SERVER_PORT").get("value")));
            }
            if (!ports.containsValue(listening)) {
                problems.add(where + ": no containerPort " + listening + ", the port " + module.name() + " listens on");
            }
            String address = String.valueOf(module.applicationYml().get("server.address"));
            if (address.startsWith("127.") && !env.containsKey("SERVER_ADDRESS")) {
                problems.add(where + ": " + module.name() + " listens on " + address + " unless SERVER_ADDRESS is set");
            }
            String image = String.valueOf(container.get("image"));
            String expected = "jobstream/" + module.name() + ":" + projectVersion();
            if (!image.equals(expected) && !image.endsWith("/" + expected)) {
                problems.add(where + ": image " + image + ", the build makes " + expected);
            }
            checkEnvironment(where, module, env);
        }
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            Object spec = container.get(probe);
            if (spec == null) {
                if (!probe.equals("startupProbe")) {
                    problems.add(where + ": no " + probe);
                }
                continue;
            }
            Object port = get(spec, "httpGet", "port");
            Integer target = port instanceof Integer n ? n : ports.get(String.valueOf(port));
            if (target == null || !ports.containsValue(target)) {
                problems.add(where + ": " + probe + " on port " + port + ", which is no port of the container");
            } else if (listening != null && !target.equals(listening)) {
                problems.add(where + ": " + probe + " on port " + target + ", the service listens on " + listening);
            }
            if (module != null) {
                String group = probe.equals("readinessProbe") ? "readiness" : "liveness";
                String path = healthGroupPath(module, group);
                if (path == null) {
                    problems.add(where + ": " + module.name() + " has no health group " + group
                            + " (management.endpoint.health.probes.enabled in its application.yml)");
                } else if (!path.equals(get(spec, "httpGet", "path"))) {
                    problems.add(where + ": " + probe + " asks " + get(spec, "httpGet", "path") + ", the service answers " + path);
                }
            }
        }
        boolean exposed = ofKind("Service").stream().anyMatch(service ->
                selects(map(service.body(), "spec", "selector"), podLabels)
                        && list(service.body(), "spec", "ports").stream().allMatch(p -> {
                            Object target = p.get("targetPort");
                            return target instanceof Integer n ? ports.containsValue(n) : ports.containsKey(String.valueOf(target));
                        }));
        if (!exposed) {
            problems.add(where + ": no Service selects it with ports it has");
        }
    }

    private void checkEnvironment(String where, ServiceModule module, Map<String, Map<String, Object>> env) {
        Set<String> read = variablesRead(module);
        env.forEach((name, entry) -> {
            if (!read.contains(name)) {
                problems.add(where + ": " + module.name() + " reads no environment variable " + name);
            }
            Object configMapRef = get(entry, "valueFrom", "configMapKeyRef");
            if (configMapRef != null && !hasKey("ConfigMap", "data", configMapRef)) {
                problems.add(where + ": " + name + " from ConfigMap key " + get(configMapRef, "name") + "/"
                        + get(configMapRef, "key") + ", which does not exist");
            }
            Object secretRef = get(entry, "valueFrom", "secretKeyRef");
            if (secretRef != null && !hasKey("Secret", "stringData", secretRef)) {
                problems.add(where + ": " + name + " from Secret key " + get(secretRef, "name") + "/"
                        + get(secretRef, "key") + ", which examples/secret.yaml does not have");
            }
            Object value = entry.get("value");
            if (value != null) {
                Matcher url = IN_CLUSTER_URL.matcher(String.valueOf(value));
                while (url.find()) {
                    checkServicePort(where + ": " + name, url.group(1), Integer.parseInt(url.group(2)));
                }
            }
        });
        for (String property : module.applicationYml().keySet()) {
            if (CREDENTIAL.matcher(property).matches()) {
                Map<String, Object> entry = env.get(envName(property, false));
                if (entry == null || get(entry, "valueFrom", "secretKeyRef") == null) {
                    problems.add(where + ": " + property + " keeps its local default; set " + envName(property, false)
                            + " from the Secret");
                }
            }
        }
        if (module.applicationYml().containsKey("jobstream.auth.jwk-set-uri") && !env.containsKey("JOBSTREAM_AUTH_JWK_SET_URI")) {
            problems.add(where + ": without JOBSTREAM_AUTH_JWK_SET_URI " + module.name()
                    + " looks for the local stack's key file, which the image does not have");
        }
    }

    private void checkIngress(Document ingress) {
        for (Map<String, Object> rule : list(ingress.body(), "spec", "rules")) {
            for (Map<String, Object> path : list(rule, "http", "paths")) {
                Object service = get(path, "backend", "service", "name");
                Object port = get(path, "backend", "service", "port", "name");
                Object number = get(path, "backend", "service", "port", "number");
                checkServicePort(ingress + " " + path.get("path"), String.valueOf(service), port != null ? port : number);
            }
        }
    }

    private void checkServicePort(String where, String service, Object port) {
        boolean found = ofKind("Service").stream().filter(s -> s.name().equals(service))
                .anyMatch(s -> list(s.body(), "spec", "ports").stream()
                        .anyMatch(p -> Objects.equals(p.get("port"), port) || Objects.equals(p.get("name"), port)));
        if (!found) {
            problems.add(where + ": no Service " + service + " with port " + port);
        }
    }

    private boolean hasKey(String kind, String field, Object ref) {
        return ofKind(kind).stream().anyMatch(doc -> doc.name().equals(get(ref, "name"))
                && map(doc.body(), field).containsKey(String.valueOf(get(ref, "key"))));
    }

    private List<Document> ofKind(String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** Spring Boot's path of a health group, if the service has that group. */
    static String healthGroupPath(ServiceModule module, String group) {
        Map<String, Object> yml = module.applicationYml();
        boolean probes = Boolean.TRUE.equals(yml.get("management.endpoint.health.probes.enabled"));
        boolean healthExposed = String.valueOf(yml.get("management.endpoints.web.exposure.include")).matches("(.*,)?\\s*(health|\\*)\\s*(,.*)?");
        if (!probes || !healthExposed) {
            return null;
        }
        Object basePath = yml.getOrDefault("management.endpoints.web.base-path", "/actuator");
        return basePath + "/health/" + group;
    }

    /**
     * The environment variables a service reads: Spring's names for its application.yml's properties,
     * those its code (or the shared modules') reads with {@code @Value} or binds to a
     * {@code @ConfigurationProperties} record, Spring Boot's properties of the groups its
     * application.yml configures (e.g. spring.elasticsearch.*), the variables application.yml names
     * in placeholders, and the JVM's.
     */
    static Set<String> variablesRead(ServiceModule module) {
        Set<String> properties = new HashSet<>();
        Set<String> variables = new HashSet<>(JVM_VARIABLES);
        for (Map.Entry<String, Object> entry : module.applicationYml().entrySet()) {
            properties.add(entry.getKey().replaceAll("\\[\\d+]", ""));
            Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(entry.getValue()));
            while (placeholder.find()) {
                String name = placeholder.group(1);
                (name.equals(name.toUpperCase()) ? variables : properties).add(name);
            }
        }
        Set<String> groups = new HashSet<>();
        properties.forEach(p -> groups.add(group(p)));
        for (String dir : List.of(module.name(), "shared-web", "shared-store", "shared-events")) {
            properties.addAll(placeholdersInSources(ServiceModule.root().resolve(dir).resolve("src/main/java")));
            properties.addAll(boundProperties(ServiceModule.root().resolve(dir).resolve("src/main/java")));
        }
        bootProperties().stream().filter(p -> groups.contains(group(p))).forEach(properties::add);
        for (String property : properties) {
            variables.add(envName(property, true));
            variables.add(envName(property, false));
        }
        return variables;
    }

    private static String group(String property) {
        String[] parts = property.split("\\.");
        return parts.length < 2 ? property : parts[0] + "." + parts[1];
    }

    /**
     * Spring Boot's environment variable for a property: dots become underscores, dashes are dropped
     * (or, as Spring also accepts, become underscores), upper case.
     */
    static String envName(String property, boolean dropDashes) {
        return property.replace(".", "_").replace("-", dropDashes ? "" : "_").toUpperCase();
    }

    private static Set<String> placeholdersInSources(Path sources) {
        Set<String> names = new HashSet<>();
        if (!Files.isDirectory(sources)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Matcher m = PLACEHOLDER.matcher(ServiceModule.read(f));
                while (m.find()) {
                    names.add(m.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static final Pattern PROPERTIES_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(\"([^\"]+)\"\\)\\s*(?:public\\s+)?record\\s+\\w+\\(([^)]*)\\)");

    /** The properties of the records bound with {@code @ConfigurationProperties("prefix")}, kebab-case. */
    private static Set<String> boundProperties(Path sources) {
        Set<String> names = new HashSet<>();
        if (!Files.isDirectory(sources)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Matcher m = PROPERTIES_RECORD.matcher(ServiceModule.read(f));
                while (m.find()) {
                    for (String component : m.group(2).split(",")) {
                        String[] words = component.strip().split("\\s+");
                        String field = words[words.length - 1];
                        names.add(m.group(1) + "." + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static Set<String> bootProperties;

    /** The properties Spring Boot documents in its configuration metadata. */
    private static synchronized Set<String> bootProperties() {
        if (bootProperties == null) {
            Set<String> names = new HashSet<>();
            try {
                Enumeration<URL> files = ManifestChecks.class.getClassLoader()
                        .getResources("META-INF/spring-configuration-metadata.json");
                ObjectMapper json = new ObjectMapper();
                while (files.hasMoreElements()) {
                    try (InputStream in = files.nextElement().openStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            names.add(property.path("name").asText());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bootProperties = names;
        }
        return bootProperties;
    }

    private static String projectVersion;

    static synchronized String projectVersion() {
        if (projectVersion == null) {
            try {
                var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(ServiceModule.root().resolve("pom.xml").toFile());
                var children = pom.getDocumentElement().getChildNodes();
                for (int i = 0; i < children.getLength(); i++) {
                    if ("version".equals(children.item(i).getNodeName())) {
                        projectVersion = children.item(i).getTextContent().trim();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the project's version from pom.xml", e);
            }
        }
        return projectVersion;
    }
}
