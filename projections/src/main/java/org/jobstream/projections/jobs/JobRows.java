package org.jobstream.projections.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jobstream.events.JobAttribute;
import org.jobstream.events.JobState;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code jobs} table of the read model: one row per job, a column per {@link JobAttribute}
 * ({@link JobAttribute#column()}), the JDL, and the job sequence number and store position of the
 * newest event applied ({@code event_seq}, {@code event_position}). Reads and writes many rows per
 * statement (arrays, {@code unnest}), so a batch of events costs a few statements, not a few per event.
 */
public final class JobRows {

    /** A job as the read model stores it. */
    public record StoredJob(JobState state, long eventSeq, long eventPosition) {

        public long jobId() {
            return state.jobId();
        }
    }

    private final JdbcClient jdbc;

    public JobRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored jobs among {@code jobIds}, by ID. */
    public Map<Long, StoredJob> load(Collection<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(SELECT + " WHERE job_id = ANY (:ids)")
                .param("ids", jobIds.toArray(Long[]::new))
                .query((rs, n) -> stored(rs))
                .list().stream()
                .collect(LinkedHashMap::new, (map, job) -> map.put(job.jobId(), job), Map::putAll);
    }

    /** The next {@code limit} stored jobs after {@code afterJobId}, in JobID order. */
    public List<StoredJob> loadAfter(long afterJobId, int limit) {
        return jdbc.sql(SELECT + " WHERE job_id > :after ORDER BY job_id LIMIT :limit")
                .param("after", afterJobId)
                .param("limit", limit)
                .query((rs, n) -> stored(rs))
                .list();
    }

    /** Inserts new jobs with their JDLs; a job already stored is left as it is. */
    public void insert(List<StoredJob> jobs, Map<Long, String> jdls) {
        if (jobs.isEmpty()) {
            return;
        }
        Columns columns = new Columns(jobs);
        jdbc.sql(INSERT)
                .params(columns.values())
                .param("jdl", jobs.stream().map(job -> jdls.get(job.jobId())).toArray(String[]::new))
                .update();
    }

    /** Overwrites stored jobs with newer states; a row already at or past a job's event is left. */
    public void update(List<StoredJob> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        jdbc.sql(UPDATE).params(new Columns(jobs).values()).update();
    }

    private static StoredJob stored(ResultSet rs) throws SQLException {
        Map<JobAttribute, Object> values = new EnumMap<>(JobAttribute.class);
        for (JobAttribute attribute : JobAttribute.values()) {
            values.put(attribute, switch (attribute.type()) {
                case STRING -> rs.getString(attribute.column());
                case INTEGER -> rs.getLong(attribute.column());
                case BOOLEAN -> rs.getBoolean(attribute.column());
                case DATETIME -> {
                    Timestamp time = rs.getTimestamp(attribute.column());
                    yield time == null ? null : time.toInstant();
                }
            });
        }
        return new StoredJob(JobState.restored(values), rs.getLong("event_seq"), rs.getLong("event_position"));
    }

    /** The jobs' values column by column, as arrays for {@code unnest}: one named parameter per column. */
    private record Columns(List<StoredJob> jobs) {

        Map<String, Object> values() {
            Map<String, Object> values = new LinkedHashMap<>();
            for (JobAttribute attribute : JobAttribute.values()) {
                values.put(attribute.column(), switch (attribute.type()) {
                    case STRING -> column(job -> (String) job.state().get(attribute), String[]::new);
                    case INTEGER -> column(job -> (Long) job.state().get(attribute), Long[]::new);
                    case BOOLEAN -> column(job -> (Boolean) job.state().get(attribute), Boolean[]::new);
                    case DATETIME -> column(job -> job.state().get(attribute) == null ? null
                            : job.state().get(attribute).toString(), String[]::new);
                });
            }
            values.put("event_seq", column(StoredJob::eventSeq, Long[]::new));
            values.put("event_position", column(StoredJob::eventPosition, Long[]::new));
            return values;
        }

        private <T> T[] column(Function<StoredJob, T> value, java.util.function.IntFunction<T[]> array) {
            return jobs.stream().map(value).toArray(array);
        }
    }

    static final String SELECT = """
            SELECT job_id, job_type, job_group, site, job_name, owner, owner_group, vo,
                   submission_time, reschedule_time, last_update_time, start_exec_time, heart_beat_time, end_exec_time,
                   status, minor_status, application_status, user_priority, reschedule_counter, verified_flag,
                   accounted_flag, event_seq, event_position
              FROM jobs""";

    static final String INSERT = """
            INSERT INTO jobs (job_id, job_type, job_group, site, job_name, owner, owner_group, vo,
                              submission_time, reschedule_time, last_update_time, start_exec_time, heart_beat_time,
                              end_exec_time, status, minor_status, application_status, user_priority,
                              reschedule_counter, verified_flag, accounted_flag, jdl, event_seq, event_position)
            SELECT * FROM unnest(:job_id::bigint[], :job_type::text[], :job_group::text[], :site::text[],
                                 :job_name::text[], :owner::text[], :owner_group::text[], :vo::text[],
                                 :submission_time::timestamptz[], :reschedule_time::timestamptz[],
                                 :last_update_time::timestamptz[], :start_exec_time::timestamptz[],
                                 :heart_beat_time::timestamptz[], :end_exec_time::timestamptz[], :status::text[],
                                 :minor_status::text[], :application_status::text[], :user_priority::int[],
                                 :reschedule_counter::int[], :verified_flag::boolean[], :accounted_flag::text[],
                                 :jdl::text[], :event_seq::bigint[], :event_position::bigint[])
            ON CONFLICT (job_id) DO NOTHING
            """;

    static final String UPDATE = """
            UPDATE jobs SET job_type = u.job_type, job_group = u.job_group, site = u.site, job_name = u.job_name,
                            owner = u.owner, owner_group = u.owner_group, vo = u.vo,
                            submission_time = u.submission_time, reschedule_time = u.reschedule_time,
                            last_update_time = u.last_update_time, start_exec_time = u.start_exec_time,
                            heart_beat_time = u.heart_beat_time, end_exec_time = u.end_exec_time, status = u.status,
                            minor_status = u.minor_status, application_status = u.application_status,
                            user_priority = u.user_priority, reschedule_counter = u.reschedule_counter,
                            verified_flag = u.verified_flag, accounted_flag = u.accounted_flag,
                            event_seq = u.event_seq, event_position = u.event_position
              FROM unnest(:job_id::bigint[], :job_type::text[], :job_group::text[], :site::text[],
                          :job_name::text[], :owner::text[], :owner_group::text[], :vo::text[],
                          :submission_time::timestamptz[], :reschedule_time::timestamptz[],
                          :last_update_time::timestamptz[], :start_exec_time::timestamptz[],
                          :heart_beat_time::timestamptz[], :end_exec_time::timestamptz[], :status::text[],
                          :minor_status::text[], :application_status::text[], :user_priority::int[],
                          :reschedule_counter::int[], :verified_flag::boolean[], :accounted_flag::text[],
                          :event_seq::bigint[], :event_position::bigint[])
                   AS u(job_id, job_type, job_group, site, job_name, owner, owner_group, vo, submission_time,
                        reschedule_time, last_update_time, start_exec_time, heart_beat_time, end_exec_time, status,
                        minor_status, application_status, user_priority, reschedule_counter, verified_flag,
                        accounted_flag, event_seq, event_position)
             WHERE jobs.job_id = u.job_id AND jobs.event_seq < u.event_seq
            """;
}
