package org.jobstream.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import org.jobstream.api.JobDocumentFields;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The names of the job parameters that some job has: the fields of the index's parameters
 * object. A name not yet known is looked up again before it is refused, so a parameter set a
 * moment ago is found.
 */
@Component
class ParameterCatalog {

    private final ElasticsearchClient client;
    private final String alias;
    private volatile Set<String> names = Set.of();

    ParameterCatalog(ElasticsearchClient client, @Value("${jobstream.elasticsearch.jobs-alias}") String alias) {
        this.client = client;
        this.alias = alias;
    }

    boolean contains(String name) {
        return names.contains(name) || refresh().contains(name);
    }

    /** The known names, re-read when any of {@code wanted} is not among them. */
    Set<String> including(Iterable<String> wanted) {
        for (String name : wanted) {
            if (!names.contains(name)) {
                return refresh();
            }
        }
        return names;
    }

    private Set<String> refresh() {
        try {
            Set<String> found = new TreeSet<>();
            client.indices().getMapping(m -> m.index(alias)).result().values().forEach(index -> {
                TypeMapping mapping = index.mappings();
                Property parameters = mapping.properties().get(JobDocumentFields.PARAMETERS);
                if (parameters != null && parameters.isObject()) {
                    found.addAll(parameters.object().properties().keySet());
                }
            });
            names = Set.copyOf(found);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the job index's mapping", e);
        }
    }
}
