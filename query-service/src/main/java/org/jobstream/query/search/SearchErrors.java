package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.Refused;
import org.jobstream.errors.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Elasticsearch's refusals as the API reports them. Elasticsearch answers {@code 400} for a query
 * it cannot build from valid-looking input that only it can judge: a regular expression in a
 * syntax Lucene does not read (e.g. {@code \p{L}}) or one too complex to determinise (e.g.
 * {@code [ab]*a[ab]{20}}). That is the client's mistake, so it is a {@code 400} with
 * Elasticsearch's reason. A {@code 5xx} (no copy of a shard, the cluster blocked) is {@code 503}: the
 * index cannot answer now. Anything else stays an error.
 */
final class SearchErrors {

    private static final Logger log = LoggerFactory.getLogger(SearchErrors.class);

    private SearchErrors() {
    }

    static RuntimeException refused(ElasticsearchException e) {
        if (e.status() >= HttpStatus.INTERNAL_SERVER_ERROR.value()) {
            return unavailable(e);
        }
        if (e.status() != HttpStatus.BAD_REQUEST.value()) {
            return e;
        }
        ErrorCause cause = e.error().rootCause().isEmpty() ? e.error() : e.error().rootCause().get(0);
        log.warn("Elasticsearch refused a search: {} ({})", cause.reason(), cause.type());
        return new Refused("Invalid search: " + cause.reason());
    }

    /**
     * Elasticsearch cannot answer now: not reachable, or no copy of the index's shard available (a
     * node died and its copies are being moved). {@code 503} with {@code Retry-After}: the same
     * search succeeds once the cluster has recovered, or on the other nodes the client tries next.
     */
    static Unavailable unavailable(Exception e) {
        log.warn("Elasticsearch cannot answer a search now: {}", e.toString());
        return new Unavailable("The job index cannot answer now; retry shortly");
    }
}
