package org.jobstream.query.apidescription;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one API description of the entry point ({@code jobstream.api-description.*}): the query
 * service's own routes and those of the other services behind the same entry point.
 *
 * @param include the API descriptions of the other services (the command service's
 *                {@code /api/openapi-commands.json}), fetched and merged on every request
 * @param timeout how long fetching one of them may take
 */
@ConfigurationProperties("jobstream.api-description")
public record ApiDescriptionProperties(List<String> include, Duration timeout) {

    public ApiDescriptionProperties {
        include = include == null ? List.of() : include.stream().filter(url -> !url.isBlank()).toList();
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }
}
