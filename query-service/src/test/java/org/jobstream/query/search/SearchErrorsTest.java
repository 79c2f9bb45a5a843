package org.jobstream.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.Refused;
import org.jobstream.errors.Unavailable;
import org.junit.jupiter.api.Test;

/** Elasticsearch's refusals as the API reports them. */
class SearchErrorsTest {

    @Test
    void aQueryElasticsearchCannotBuildIs400WithItsRootCause() {
        ElasticsearchException refused = new ElasticsearchException("search", ErrorResponse.of(r -> r.status(400)
                .error(e -> e.type("search_phase_execution_exception").reason("all shards failed")
                        .rootCause(c -> c.type("query_shard_exception")
                                .reason("Determinizing [ab]*a[ab]{20} would require more than 10000 effort.")))));

        RuntimeException answer = SearchErrors.refused(refused);

        assertThat(answer).isInstanceOf(Refused.class)
                .hasMessage("Invalid search: Determinizing [ab]*a[ab]{20} would require more than 10000 effort.");
    }

    @Test
    void withoutARootCauseTheErrorsOwnReasonIsGiven() {
        ElasticsearchException refused = new ElasticsearchException("search", ErrorResponse.of(r -> r.status(400)
                .error(e -> e.type("illegal_argument_exception").reason("bad"))));

        assertThat(SearchErrors.refused(refused)).hasMessage("Invalid search: bad");
    }

    @Test
    void elasticsearchUnableToAnswerIsUnavailable() {
        ElasticsearchException noShard = new ElasticsearchException("search", ErrorResponse.of(r -> r.status(503)
                .error(e -> e.type("search_phase_execution_exception").reason("all shards failed"))));

        assertThat(SearchErrors.refused(noShard)).isInstanceOf(Unavailable.class)
                .hasMessage("The job index cannot answer now; retry shortly");
    }

    @Test
    void anyOtherErrorStaysAnError() {
        ElasticsearchException missing = new ElasticsearchException("search", ErrorResponse.of(r -> r.status(404)
                .error(e -> e.type("index_not_found_exception").reason("no such index [jobs]"))));

        assertThat(SearchErrors.refused(missing)).isSameAs(missing);
    }
}
