package org.jobstream.query.apidescription;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jobstream.errors.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * {@code /api/openapi.json} describes every route behind the entry point, as DiracX's one document
 * does (its client is generated from it): the query service's routes and those of the documents
 * it includes (the command service's), fetched for each request, so the description is never older
 * than the services. When one cannot be fetched the answer is {@code 503}, never a partial document.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiDescriptionProperties.class)
class ApiDescriptionMerge {

    private static final Logger log = LoggerFactory.getLogger(ApiDescriptionMerge.class);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    OpenApiCustomizer includeOtherServices(ApiDescriptionProperties properties) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        return api -> properties.include().forEach(url -> merge(api, fetch(http, url, properties)));
    }

    static void merge(OpenAPI api, OpenAPI other) {
        if (api.getPaths() == null) {
            api.setPaths(new Paths());
        }
        if (other.getPaths() != null) {
            // One path may have operations in both services (GET /api/jobs/{job_id}/sandbox here,
            // its DELETE in the command service): merged operation by operation.
            other.getPaths().forEach((path, item) -> {
                PathItem mine = api.getPaths().get(path);
                if (mine == null) {
                    api.getPaths().addPathItem(path, item);
                } else {
                    item.readOperationsMap().forEach((method, operation) -> {
                        if (!mine.readOperationsMap().containsKey(method)) {
                            mine.operation(method, operation);
                        }
                    });
                }
            });
        }
        if (other.getComponents() == null) {
            return;
        }
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        Components components = api.getComponents();
        if (other.getComponents().getSchemas() != null) {
            other.getComponents().getSchemas().forEach((name, schema) -> {
                if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
                    components.addSchemas(name, schema);
                }
            });
        }
        if (other.getComponents().getSecuritySchemes() != null) {
            other.getComponents().getSecuritySchemes().forEach((name, scheme) -> {
                if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(name)) {
                    components.addSecuritySchemes(name, scheme);
                }
            });
        }
    }

    private static OpenAPI fetch(HttpClient http, String url, ApiDescriptionProperties properties) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(properties.timeout())
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException("status " + answer.statusCode());
            }
            return Json.mapper().readValue(answer.body(), OpenAPI.class);
        } catch (IOException e) {
            log.warn("Cannot include the API description at {}: {}", url, e.toString());
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private static Unavailable unavailable() {
        return new Unavailable("Part of the API description is unavailable (a service is starting or down); retry shortly");
    }
}
