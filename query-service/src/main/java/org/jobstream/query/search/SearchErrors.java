package org.jobstream.query.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Elasticsearch's refusals as the API reports them. Elasticsearch answers {@code 400} for a query
 * it cannot build from valid-looking input that only it can judge: a regular expression in a
 * syntax Lucene does not read (e.g. {@code \p{L}}) or one too complex to determinise (e.g.
 * {@code [ab]*a[ab]{20}}). That is the client's mistake, so it is a {@code 400} with
 * Elasticsearch's reason; anything else stays an error.
 */
final class SearchErrors {

    private static final Logger log = LoggerFactory.getLogger(SearchErrors.class);

    private SearchErrors() {
    }

    static RuntimeException refused(ElasticsearchException e) {
        if (e.status() != HttpStatus.BAD_REQUEST.value()) {
            return e;
        }
        ErrorCause cause = e.error().rootCause().isEmpty() ? e.error() : e.error().rootCause().get(0);
        log.warn("Elasticsearch refused a search: {} ({})", cause.reason(), cause.type());
        return new Refused("Invalid search: " + cause.reason());
    }
}
