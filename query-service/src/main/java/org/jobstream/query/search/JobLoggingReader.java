package org.jobstream.query.search;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The status history of jobs ({@code LoggingInfo}) from the read model, as DiracX shows it: in time
 * order, each record's {@code "idem"} values replaced by the previous record's (a first
 * {@code "idem"} application status reads {@code "Unknown"}).
 */
@Component
class JobLoggingReader {

    static final String IDEM = "idem";

    private final JdbcClient jdbc;

    JobLoggingReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds {@code "LoggingInfo": [...]} to each job row (rows carry {@code JobID}). */
    void attach(List<Map<String, Object>> jobs) {
        List<Long> ids = jobs.stream().map(job -> ((Number) job.get("JobID")).longValue()).toList();
        Map<Long, List<Map<String, Object>>> history = read(ids);
        jobs.forEach(job -> job.put("LoggingInfo", history.getOrDefault(((Number) job.get("JobID")).longValue(), List.of())));
    }

    Map<Long, List<Map<String, Object>>> read(List<Long> jobIds) {
        Map<Long, List<Map<String, Object>>> history = new HashMap<>();
        if (jobIds.isEmpty()) {
            return history;
        }
        jdbc.sql("""
                SELECT job_id, status, minor_status, application_status, status_time, source
                  FROM job_logging WHERE job_id IN (:ids)
                 ORDER BY job_id, status_time, event_seq, record_no
                """)
                .param("ids", jobIds)
                .query(rs -> {
                    List<Map<String, Object>> records = history.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>());
                    Map<String, Object> previous = records.isEmpty() ? null : records.get(records.size() - 1);
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("Status", resolve(rs.getString(2), previous, "Status", IDEM));
                    record.put("MinorStatus", resolve(rs.getString(3), previous, "MinorStatus", IDEM));
                    record.put("ApplicationStatus", resolve(rs.getString(4), previous, "ApplicationStatus", "Unknown"));
                    Timestamp time = rs.getTimestamp(5);
                    record.put("StatusTime", time.toInstant().toString());
                    record.put("Source", rs.getString(6));
                    records.add(record);
                });
        return history;
    }

    private static Object resolve(String value, Map<String, Object> previous, String key, String first) {
        if (!IDEM.equals(value)) {
            return value;
        }
        return previous == null ? first : previous.get(key);
    }
}
