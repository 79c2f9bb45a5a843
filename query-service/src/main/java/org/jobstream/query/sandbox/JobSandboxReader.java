package org.jobstream.query.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jobstream.access.JobOwnership;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The sandboxes of jobs and the jobs' ownership, from the read model. */
@Component
class JobSandboxReader {

    static final String INPUT = "Input";
    static final String OUTPUT = "Output";

    private final JdbcClient jdbc;

    JobSandboxReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<JobOwnership> ownership(Collection<Long> jobIds) {
        return jdbc.sql("SELECT job_id, owner, vo FROM jobs WHERE job_id IN (:ids)")
                .param("ids", jobIds)
                .query((rs, n) -> new JobOwnership(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** {@code Input} and {@code Output} PFNs (short form) of a job, in assignment order. */
    Map<String, List<String>> sandboxes(long jobId) {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        byKind.put(INPUT, new ArrayList<>());
        byKind.put(OUTPUT, new ArrayList<>());
        jdbc.sql("SELECT kind, pfn FROM job_sandboxes WHERE job_id = :id ORDER BY assigned_at, pfn")
                .param("id", jobId)
                .query(rs -> {
                    byKind.get(rs.getString(1)).add(rs.getString(2));
                });
        return byKind;
    }
}
