package org.jobstream.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jobstream.query.search.CompositeWalk.Bucket;
import org.jobstream.query.search.CompositeWalk.BucketPage;
import org.jobstream.query.search.CompositeWalk.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The distinct combinations of the selected fields' values among the matching jobs, with their
 * counts: a composite aggregation ({@link CompositeWalk}), for summaries and distinct rows. A job
 * without a value (an attribute not set, a parameter it does not have) is in the {@code null} group.
 */
@Component
class JobGroups {

    private final ElasticsearchClient client;
    private final String alias;

    JobGroups(ElasticsearchClient client, @Value("${jobstream.elasticsearch.jobs-alias}") String alias) {
        this.client = client;
        this.alias = alias;
    }

    List<Group> groups(Query query, Selection selection) {
        List<String> fields = selection.indexFields();
        List<Map<String, CompositeAggregationSource>> sources = IntStream.range(0, fields.size())
                .mapToObj(i -> Map.of(CompositeWalk.source(i), CompositeAggregationSource.of(s -> s
                        .terms(t -> t.field(fields.get(i)).missingBucket(true)))))
                .toList();
        try {
            return CompositeWalk.groups(selection, after -> {
                try {
                    SearchResponse<Void> response = client.search(s -> s
                            .index(alias)
                            .size(0)
                            .query(query)
                            .aggregations("groups", a -> a.composite(c -> {
                                c.size(CompositeWalk.PAGE).sources(sources);
                                if (after != null) {
                                    c.after(after);
                                }
                                return c;
                            })), Void.class);
                    CompositeAggregate composite = response.aggregations().get("groups").composite();
                    return new BucketPage(composite.buckets().array().stream()
                            .map(b -> new Bucket(b.key(), b.docCount())).toList(), composite.afterKey());
                } catch (IOException e) {
                    throw SearchErrors.unavailable(e);
                }
            });
        } catch (ElasticsearchException e) {
            throw SearchErrors.refused(e);
        }
    }
}
