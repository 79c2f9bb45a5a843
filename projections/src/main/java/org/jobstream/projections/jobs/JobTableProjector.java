package org.jobstream.projections.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jobstream.access.SandboxPfn;
import org.jobstream.events.HeartbeatReceived;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobMetadataPatched;
import org.jobstream.events.JobRescheduled;
import org.jobstream.events.JobState;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.OutputSandboxAssigned;
import org.jobstream.events.SandboxesUnassigned;
import org.jobstream.events.StatusRecord;
import org.jobstream.events.cloud.RecordedJobEvent;
import org.jobstream.projections.jobs.JobRows.StoredJob;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies job events to the PostgreSQL read model: the jobs ({@link JobRows}), their status records
 * ({@code job_logging}), their parameters ({@code job_parameters}) and their sandboxes. A batch of
 * events is applied in memory to the jobs it touches ({@link JobState}, the one definition of what
 * an event changes), then written with a few statements: each job once, in its newest state.
 * Idempotent: an event at or below the sequence number a row holds changes nothing, so redelivered
 * and replayed events are harmless.
 */
@Component
public class JobTableProjector {

    static final String INPUT = "Input";
    static final String OUTPUT = "Output";

    private final JdbcClient jdbc;
    private final JobRows rows;

    public JobTableProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.rows = new JobRows(jdbc);
    }

    /** The read model's jobs table. */
    public JobRows rows() {
        return rows;
    }

    /** Applies one event; whether it changed the read model (false when it had been applied before). */
    public boolean apply(RecordedJobEvent event) {
        return !apply(List.of(event)).isEmpty();
    }

    /**
     * Applies events in their order (each job's events in its sequence order, as one partition of
     * the topic or the event store delivers them).
     *
     * @return the jobs the events changed, in their new state
     * @throws UnknownJobException for an event of a job whose submission the read model lacks
     */
    public Map<Long, StoredJob> apply(List<RecordedJobEvent> events) {
        Batch batch = new Batch(rows.load(events.stream().map(RecordedJobEvent::jobId).distinct().toList()));
        events.forEach(batch::apply);
        batch.write();
        return batch.changed();
    }

    /** The changes of one batch, collected in memory and written at the end. */
    private final class Batch {

        private final Map<Long, StoredJob> stored;
        private final Map<Long, StoredJob> changed = new LinkedHashMap<>();
        private final Set<Long> inserted = new LinkedHashSet<>();
        private final Map<Long, String> jdls = new HashMap<>();
        private final List<Object[]> logging = new ArrayList<>();
        private final Map<List<Object>, String> parameters = new LinkedHashMap<>();
        private final List<Runnable> sandboxChanges = new ArrayList<>();

        Batch(Map<Long, StoredJob> stored) {
            this.stored = new HashMap<>(stored);
        }

        void apply(RecordedJobEvent recorded) {
            JobEvent event = recorded.event();
            StoredJob job = stored.get(recorded.jobId());
            if (event instanceof JobSubmitted submitted) {
                if (job != null) {
                    return;
                }
                inserted.add(submitted.jobId());
                jdls.put(submitted.jobId(), submitted.jdl());
                job = new StoredJob(new JobState(), -1, 0);
            } else if (job == null) {
                throw new UnknownJobException(recorded);
            }
            if (recorded.sequence() <= job.eventSeq()) {
                return;
            }
            job.state().apply(event);
            StoredJob applied = new StoredJob(job.state(), recorded.sequence(), recorded.position());
            stored.put(recorded.jobId(), applied);
            changed.put(recorded.jobId(), applied);
            collect(recorded, event);
        }

        private void collect(RecordedJobEvent recorded, JobEvent event) {
            if (event instanceof JobSubmitted e) {
                log(recorded, List.of(new StatusRecord(e.status(), e.minorStatus(), e.applicationStatus(),
                        e.submissionTime(), e.source())));
                e.inputSandboxes().forEach(pfn ->
                        sandboxChanges.add(() -> mapSandbox(e.jobId(), SandboxPfn.shortFormOf(pfn), INPUT, e.submissionTime())));
            } else if (event instanceof JobStatusUpdated e) {
                log(recorded, e.records());
            } else if (event instanceof HeartbeatReceived e) {
                log(recorded, e.statusChange() == null ? List.of() : List.of(e.statusChange().record()));
                parameters(recorded.jobId(), e.parameters());
            } else if (event instanceof JobRescheduled e) {
                log(recorded, e.records());
            } else if (event instanceof JobMetadataPatched e) {
                parameters(recorded.jobId(), e.parameters());
            } else if (event instanceof OutputSandboxAssigned e) {
                sandboxChanges.add(() -> mapSandbox(e.jobId(), e.pfn(), OUTPUT, e.time()));
            } else if (event instanceof SandboxesUnassigned e) {
                sandboxChanges.add(() -> unmapSandboxes(e));
            }
        }

        private void log(RecordedJobEvent recorded, List<StatusRecord> records) {
            for (int i = 0; i < records.size(); i++) {
                StatusRecord r = records.get(i);
                logging.add(new Object[] {recorded.jobId(), recorded.sequence(), i, r.statusLabel(), r.minorStatus(),
                        r.applicationStatus(), r.time().toString(), r.source()});
            }
        }

        private void parameters(long jobId, Map<String, String> values) {
            values.forEach((name, value) -> parameters.put(List.of(jobId, name), value == null ? "" : value));
        }

        void write() {
            List<StoredJob> fresh = new ArrayList<>();
            List<StoredJob> updated = new ArrayList<>();
            changed.forEach((id, job) -> (inserted.contains(id) ? fresh : updated).add(job));
            rows.insert(fresh, jdls);
            rows.update(updated);
            writeLogging();
            writeParameters();
            sandboxChanges.forEach(Runnable::run);
        }

        Map<Long, StoredJob> changed() {
            return changed;
        }

        private void writeLogging() {
            if (logging.isEmpty()) {
                return;
            }
            jdbc.sql("""
                    INSERT INTO job_logging (job_id, event_seq, record_no, status, minor_status, application_status,
                                             status_time, source)
                    SELECT * FROM unnest(:jobId::bigint[], :seq::bigint[], :recordNo::int[], :status::text[],
                                         :minorStatus::text[], :applicationStatus::text[], :time::timestamptz[],
                                         :source::text[])
                    ON CONFLICT DO NOTHING
                    """)
                    .param("jobId", column(logging, 0, Long[]::new))
                    .param("seq", column(logging, 1, Long[]::new))
                    .param("recordNo", column(logging, 2, Integer[]::new))
                    .param("status", column(logging, 3, String[]::new))
                    .param("minorStatus", column(logging, 4, String[]::new))
                    .param("applicationStatus", column(logging, 5, String[]::new))
                    .param("time", column(logging, 6, String[]::new))
                    .param("source", column(logging, 7, String[]::new))
                    .update();
        }

        private void writeParameters() {
            if (parameters.isEmpty()) {
                return;
            }
            List<Object[]> values = parameters.entrySet().stream()
                    .map(e -> new Object[] {e.getKey().get(0), e.getKey().get(1), e.getValue()})
                    .toList();
            jdbc.sql("""
                    INSERT INTO job_parameters (job_id, name, value)
                    SELECT * FROM unnest(:jobId::bigint[], :name::text[], :value::text[])
                    ON CONFLICT (job_id, name) DO UPDATE SET value = EXCLUDED.value
                    """)
                    .param("jobId", column(values, 0, Long[]::new))
                    .param("name", column(values, 1, String[]::new))
                    .param("value", column(values, 2, String[]::new))
                    .update();
        }
    }

    private static <T> T[] column(List<Object[]> rows, int index, java.util.function.IntFunction<T[]> array) {
        T[] column = array.apply(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            @SuppressWarnings("unchecked")
            T value = (T) rows.get(i)[index];
            column[i] = value;
        }
        return column;
    }

    private void mapSandbox(long jobId, String pfn, String kind, Instant time) {
        jdbc.sql("""
                INSERT INTO job_sandboxes (job_id, pfn, kind, assigned_at) VALUES (:jobId, :pfn, :kind, :time)
                ON CONFLICT DO NOTHING
                """)
                .param("jobId", jobId).param("pfn", pfn).param("kind", kind).param("time", Timestamp.from(time))
                .update();
        jdbc.sql("DELETE FROM sandbox_releases WHERE pfn = :pfn").param("pfn", pfn).update();
    }

    /** Drops the job's mappings; a sandbox no job maps any more is released from now on. */
    private void unmapSandboxes(SandboxesUnassigned e) {
        jdbc.sql("DELETE FROM job_sandboxes WHERE job_id = :jobId").param("jobId", e.jobId()).update();
        for (String pfn : e.pfns()) {
            jdbc.sql("""
                    INSERT INTO sandbox_releases (pfn, released_at)
                    SELECT :pfn, :time WHERE NOT EXISTS (SELECT 1 FROM job_sandboxes WHERE pfn = :pfn)
                    ON CONFLICT (pfn) DO UPDATE SET released_at = GREATEST(sandbox_releases.released_at, EXCLUDED.released_at)
                    """)
                    .param("pfn", pfn).param("time", Timestamp.from(e.time()))
                    .update();
        }
    }

    /** An event of a job the read model does not have: its submission was never applied. */
    public static final class UnknownJobException extends RuntimeException {
        UnknownJobException(RecordedJobEvent event) {
            super("Event " + event.sequence() + " of job " + event.jobId() + " (" + event.event().getClass().getSimpleName()
                    + ") came before the job's submission reached the read model");
        }
    }
}
