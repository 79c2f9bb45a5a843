package org.jobstream.projections.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jobstream.api.JobParameterTerms;
import org.jobstream.events.JobAttribute;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads jobs from the PostgreSQL read model as search documents: attribute wire names to values,
 * the shape of the Elasticsearch index.
 */
@Component
public class JobDocuments {

    /** A job's search document and the sequence number of the newest event it reflects. */
    public record JobDocument(long jobId, long eventSeq, Map<String, Object> fields) {
    }

    private final JdbcClient jdbc;

    public JobDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next {@code limit} jobs after {@code afterJobId}, in JobID order: for walking the whole read model. */
    public List<JobDocument> loadAfter(long afterJobId, int limit) {
        List<Long> ids = jdbc.sql("SELECT job_id FROM jobs WHERE job_id > :after ORDER BY job_id LIMIT :limit")
                .param("after", afterJobId)
                .param("limit", limit)
                .query(Long.class)
                .list();
        return load(ids);
    }

    public List<JobDocument> load(Collection<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, String>> parameters = new HashMap<>();
        jdbc.sql("SELECT job_id, name, value FROM job_parameters WHERE job_id IN (:ids)")
                .param("ids", jobIds)
                .query(rs -> {
                    parameters.computeIfAbsent(rs.getLong(1), id -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                });
        return jdbc.sql("SELECT * FROM jobs WHERE job_id IN (:ids)")
                .param("ids", jobIds)
                .query((rs, n) -> toDocument(rs, parameters))
                .list();
    }

    private static JobDocument toDocument(ResultSet rs, Map<Long, Map<String, String>> parameters) throws SQLException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (JobAttribute attribute : JobAttribute.values()) {
            fields.put(attribute.wireName(), value(rs, attribute));
        }
        long jobId = rs.getLong("job_id");
        fields.putAll(JobParameterTerms.documentFields(parameters.getOrDefault(jobId, Map.of())));
        return new JobDocument(jobId, rs.getLong("event_seq"), fields);
    }

    private static Object value(ResultSet rs, JobAttribute attribute) throws SQLException {
        String column = column(attribute);
        if (attribute == JobAttribute.ACCOUNTED_FLAG) {
            // DiracX answers true/false, or "Failed" when accounting failed.
            String flag = rs.getString(column);
            return flag.equals("True") || flag.equals("False") ? Boolean.valueOf(flag) : flag;
        }
        return switch (attribute.type()) {
            case INTEGER -> rs.getLong(column);
            case BOOLEAN -> rs.getBoolean(column);
            case DATETIME -> {
                Timestamp t = rs.getTimestamp(column);
                yield t == null ? null : t.toInstant().toString();
            }
            case STRING -> rs.getString(column);
        };
    }

    /** The column of an attribute: its wire name in snake case (JobID is job_id, VO is vo). */
    static String column(JobAttribute attribute) {
        return switch (attribute) {
            case JOB_ID -> "job_id";
            case VO -> "vo";
            default -> attribute.wireName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
        };
    }
}
