package org.jobstream.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.deploy.Manifests.get;
import static org.jobstream.infra.deploy.Manifests.list;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jobstream.infra.deploy.Manifests.Document;
import org.junit.jupiter.api.Test;

/**
 * The cluster's entry point routes as the local stack's does (the same map of method and path to
 * service as infra/stack/nginx.conf.template), to the Services of the manifests, and does not
 * publish the services' actuator.
 */
class EntryPointRoutingTest {

    private static final Pattern UPSTREAM =
            Pattern.compile("upstream (\\w+) \\{\\s*server ([\\w-]+):(\\d+);");

    private final List<Document> docs = Manifests.load();
    private final String config = String.valueOf(get(docs.stream()
            .filter(d -> d.kind().equals("ConfigMap") && d.name().equals("jobstream-entry-point"))
            .findFirst().orElseThrow().body(), "data", "nginx.conf"));

    @Test
    void routesByTheSameMethodsAndPathsAsTheLocalStack() {
        String template = ServiceModule.read(ServiceModule.root().resolve("infra/stack/nginx.conf.template"));

        assertThat(routingMap(config)).isNotEmpty().isEqualTo(routingMap(template));
    }

    @Test
    void sendsEachUpstreamToAServiceOfTheManifests() {
        Matcher upstream = UPSTREAM.matcher(config);
        int found = 0;
        while (upstream.find()) {
            found++;
            String service = upstream.group(2);
            int port = Integer.parseInt(upstream.group(3));
            assertThat(docs).as("upstream %s: Service %s port %d", upstream.group(1), service, port)
                    .anyMatch(d -> d.kind().equals("Service") && d.name().equals(service)
                            && list(d.body(), "spec", "ports").stream().anyMatch(p -> p.get("port").equals(port)));
        }
        assertThat(found).isEqualTo(2);
        assertThat(config).contains("upstream command_service {", "upstream query_service {");
    }

    @Test
    void answersNotFoundForTheActuatorBeforeProxying() {
        int actuator = config.indexOf("location ^~ /actuator {");
        assertThat(actuator).isPositive().isLessThan(config.indexOf("location / {"));
        String block = config.substring(actuator, config.indexOf('}', actuator));
        assertThat(block).contains("return 404").doesNotContain("proxy_pass");
    }

    /** The lines of the map from method and path to service, without comments and indentation. */
    private static List<String> routingMap(String nginxConf) {
        int start = nginxConf.indexOf("map \"$request_method $uri\" $jobstream_backend {");
        assertThat(start).as("the routing map").isNotNegative();
        int end = nginxConf.indexOf('}', start);
        return nginxConf.substring(start, end).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.replaceAll("\\s+", " "))
                .toList();
    }
}
