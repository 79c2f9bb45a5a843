package org.jobstream.store.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.jobstream.events.JobEvent;
import org.jobstream.events.JobState;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.cloud.JobEventCodec;
import org.jobstream.store.EventTableRows;
import org.jobstream.store.EventTableRows.Row;
import org.jobstream.store.ReadModelVisibility;
import org.jobstream.store.SnapshotTableRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Moves finished jobs from the event table to the archive: a job whose newest event is older than
 * the cut-off, whose status is final (Done, Failed, Killed, Deleted) and whose events the read
 * models already include. Its stream is written to the object store and read back first; then, in
 * one transaction, its index entry is added and its rows and snapshot are removed from the event
 * store, provided no event was added to the job meanwhile. A failure at any step leaves the job
 * where it was, in the event table, whole.
 */
public class JobArchiver {

    private static final Logger log = LoggerFactory.getLogger(JobArchiver.class);

    /** The statuses a job stays in: once there, only an operator's action changes it. */
    public static final Set<JobStatus> FINAL = EnumSet.of(JobStatus.DONE, JobStatus.FAILED, JobStatus.KILLED,
            JobStatus.DELETED);

    /** What one run did: the jobs archived, and (the first 100 of) the candidates left where they were, with why. */
    public record Outcome(List<Long> archived, List<String> skipped, long events) {
    }

    /** Candidates read a page at a time (each page one grouped scan of the event table), at most so many pages a run. */
    static final int PAGE = 2_000;
    static final int MAX_PAGES = 50;
    static final int MAX_REPORTED_SKIPS = 100;

    private static final SQLExceptionTranslator SQL_ERRORS = new SQLStateSQLExceptionTranslator();

    private final DataSource store;
    private final JobArchive archive;
    private final ReadModelVisibility visibility;
    private final JobEventCodec codec = new JobEventCodec();

    public JobArchiver(DataSource store, JobArchive archive, ReadModelVisibility visibility) {
        this.store = store;
        this.archive = archive;
        this.visibility = visibility;
    }

    /**
     * Archives up to {@code limit} finished jobs whose newest event is older than {@code cutoff},
     * among {@code jobIds} (any job when empty).
     */
    public Outcome archiveFinishedBefore(Instant cutoff, Collection<Long> jobIds, int limit) {
        try {
            return archive(cutoff, jobIds, limit);
        } catch (SQLException e) {
            DataAccessException translated = SQL_ERRORS.translate("archiving finished jobs", null, e);
            throw translated != null ? translated : new UncategorizedSQLException("archiving finished jobs", null, e);
        }
    }

    private Outcome archive(Instant cutoff, Collection<Long> jobIds, int limit) throws SQLException {
        long visible = visibility.current().position();
        log.info("Archiving up to {} finished jobs idle since {} (read models at position {})", limit, cutoff, visible);
        List<Long> archived = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long events = 0;
        long after = 0;
        for (int page = 0; page < MAX_PAGES && archived.size() < limit; page++) {
            List<Long> candidates;
            try (Connection db = store.getConnection()) {
                candidates = EventTableRows.jobsIdleSince(db, cutoff, jobIds, after, PAGE);
            }
            for (long jobId : candidates) {
                after = jobId;
                if (archived.size() >= limit) {
                    break;
                }
                Attempt attempt = archiveOne(jobId, visible);
                if (attempt.refusal() == null) {
                    archived.add(jobId);
                    events += attempt.events();
                } else if (skipped.size() < MAX_REPORTED_SKIPS) {
                    skipped.add("job " + jobId + ": " + attempt.refusal());
                }
            }
            log.info("Archiving: {} jobs archived so far, up to job {}", archived.size(), after);
            if (candidates.size() < PAGE) {
                break;
            }
        }
        log.info("Archived {} jobs ({} events) to bucket {}", archived.size(), events, archive.bucket());
        return new Outcome(archived, skipped, events);
    }

    /** One job's archiving: the events it moved, or why it stayed ({@code refusal}, else {@code null}). */
    private record Attempt(int events, String refusal) {

        static Attempt refused(String refusal) {
            return new Attempt(0, refusal);
        }
    }

    private Attempt archiveOne(long jobId, long visible) throws SQLException {
        try (Connection db = store.getConnection()) {
            List<Row> rows = EventTableRows.rowsOf(db, jobId);
            String refusal = refusal(rows, visible);
            if (refusal != null) {
                return Attempt.refused(refusal);
            }
            List<JobEvent> events = rows.stream()
                    .map(row -> codec.readStored(row.payloadType(), row.revision(), row.payload())).toList();
            JobState state = JobState.replayed(events);
            if (!FINAL.contains(state.status())) {
                return Attempt.refused("status " + state.status() + " is not final");
            }
            JobSubmitted submitted = (JobSubmitted) events.get(0);
            archive.write(jobId, rows);
            Row last = rows.get(rows.size() - 1);
            db.setAutoCommit(false);
            try {
                index(db, jobId, rows, submitted, state.status(), last);
                int removed = EventTableRows.removeJob(db, jobId);
                if (removed != rows.size()) {
                    db.rollback();
                    return Attempt.refused("an event was added while it was archived (" + removed + " rows, " + rows.size()
                            + " archived)");
                }
                SnapshotTableRows.remove(db, jobId);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
            log.debug("Archived job {}: {} events, positions {} to {}", jobId, rows.size(), rows.get(0).position(),
                    last.position());
            return new Attempt(rows.size(), null);
        } catch (RuntimeException e) {
            log.warn("Job {} stays in the event store: archiving it failed", jobId, e);
            return Attempt.refused("archiving failed: " + e.getMessage());
        }
    }

    private static String refusal(List<Row> rows, long visible) {
        if (rows.isEmpty()) {
            return "no events in the event store";
        }
        if (rows.get(0).sequence() != 0 || !rows.get(0).payloadType().equals(JobSubmitted.class.getName())) {
            return "its first stored event is not its submission";
        }
        long newest = rows.stream().mapToLong(Row::position).max().orElseThrow();
        if (newest > visible) {
            return "the read models do not include its newest event yet (position " + newest + ")";
        }
        return null;
    }

    private static void index(Connection db, long jobId, List<Row> rows, JobSubmitted submitted, JobStatus status,
                              Row last) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO eventstore.archived_jobs (job_id, object_key, events, first_position, last_position, owner,
                    vo, job_group, final_status, last_event_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, jobId);
            insert.setString(2, JobArchive.objectKey(jobId));
            insert.setLong(3, rows.size());
            insert.setLong(4, rows.stream().mapToLong(Row::position).min().orElseThrow());
            insert.setLong(5, rows.stream().mapToLong(Row::position).max().orElseThrow());
            insert.setString(6, submitted.owner());
            insert.setString(7, submitted.vo());
            insert.setString(8, Objects.toString(submitted.jobGroup(), ""));
            insert.setString(9, status.label());
            insert.setString(10, last.timestamp());
            insert.executeUpdate();
        }
    }
}
