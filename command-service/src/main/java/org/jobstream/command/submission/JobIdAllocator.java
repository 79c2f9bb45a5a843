package org.jobstream.command.submission;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Allocates job IDs from a PostgreSQL sequence, all of one request in one round trip. */
@Component
class JobIdAllocator {

    private final JdbcClient jdbc;

    JobIdAllocator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code count} new job IDs, increasing. */
    List<Long> allocate(int count) {
        return jdbc.sql("SELECT nextval('job_id_seq') FROM generate_series(1, :count) ORDER BY 1")
                .param("count", count)
                .query(Long.class)
                .list();
    }
}
