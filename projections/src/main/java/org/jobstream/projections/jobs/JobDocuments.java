package org.jobstream.projections.jobs;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jobstream.api.JobParameterTerms;
import org.jobstream.projections.jobs.JobRows.StoredJob;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Jobs of the PostgreSQL read model as search documents: attribute wire names to their values as
 * the API answers them, and the job's parameters; the shape of the Elasticsearch index.
 */
@Component
public class JobDocuments {

    /** A job's search document and the sequence number of the newest event it reflects. */
    public record JobDocument(long jobId, long eventSeq, Map<String, Object> fields) {
    }

    private final JdbcClient jdbc;
    private final JobRows rows;

    public JobDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.rows = new JobRows(jdbc);
    }

    /** The next {@code limit} jobs after {@code afterJobId}, in JobID order: for walking the whole read model. */
    public List<JobDocument> loadAfter(long afterJobId, int limit) {
        return of(rows.loadAfter(afterJobId, limit));
    }

    public List<JobDocument> load(Collection<Long> jobIds) {
        return of(rows.load(jobIds).values());
    }

    /** The documents of jobs whose rows are at hand (their parameters are read from the read model). */
    public List<JobDocument> of(Collection<StoredJob> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, String>> parameters = new HashMap<>();
        jdbc.sql("SELECT job_id, name, value FROM job_parameters WHERE job_id = ANY (:ids)")
                .param("ids", jobs.stream().map(StoredJob::jobId).toArray(Long[]::new))
                .query(rs -> {
                    parameters.computeIfAbsent(rs.getLong(1), id -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                });
        return jobs.stream().map(job -> document(job, parameters.getOrDefault(job.jobId(), Map.of()))).toList();
    }

    private static JobDocument document(StoredJob job, Map<String, String> parameters) {
        Map<String, Object> fields = job.state().toApi();
        fields.putAll(JobParameterTerms.documentFields(parameters));
        return new JobDocument(job.jobId(), job.eventSeq(), fields);
    }
}
