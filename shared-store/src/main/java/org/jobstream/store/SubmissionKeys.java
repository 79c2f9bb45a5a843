package org.jobstream.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jobstream.commands.SubmissionKey;
import org.jobstream.events.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The idempotency keys of job submissions (table {@code submission_keys}): which jobs a caller's
 * key created, for {@code keep} (24 h by default) after the submission.
 *
 * <p>A key is recorded by {@link #claim} inside the transaction that appends the submission's
 * events (the command service's unit of work, whose Spring transaction Axon's event storage joins),
 * so a crash leaves both the jobs and their key, or neither: a retry after a crash either finds the
 * key (and is answered the jobs) or finds neither and submits anew. While one transaction holds a
 * key, another claim of it does not wait: it learns that the key is {@link Claim#IN_PROGRESS}.
 */
public class SubmissionKeys {

    /**
     * The first half of the key of the transaction-scoped advisory lock that a claim holds (the
     * second half is a hash of owner, VO and key). Two-part advisory keys do not meet the one-part
     * keys the services lock elsewhere.
     */
    static final int LOCK_CLASS = 0x69646b79;

    /** What a claim found. */
    public enum Claim {
        /** The key is recorded in the current transaction: create the jobs. */
        CLAIMED,
        /** Another transaction is recording the key right now: its submission is still in progress. */
        IN_PROGRESS,
        /** The key was recorded before, by a committed submission: answer with that one. */
        TAKEN
    }

    /**
     * A submission remembered under its key.
     *
     * @param fingerprint  what that request asked for
     * @param jobIds       the jobs it created, in the order answered
     * @param status       their status at submission
     * @param minorStatus  their minor status at submission
     * @param submittedAt  their submission time
     */
    public record Remembered(String fingerprint, List<Long> jobIds, JobStatus status, String minorStatus,
                             Instant submittedAt) {
    }

    private final JdbcClient jdbc;
    private final Duration keep;

    public SubmissionKeys(JdbcClient jdbc, Duration keep) {
        this.jdbc = jdbc;
        this.keep = keep;
    }

    /** How long a key is remembered after its submission. */
    public Duration keep() {
        return keep;
    }

    /** The submission remembered under the key in its owner's scope, unless it is older than {@link #keep()}. */
    public Optional<Remembered> find(String owner, String vo, String key) {
        return jdbc.sql("""
                        SELECT fingerprint, job_ids, status, minor_status, submitted_at
                          FROM submission_keys
                         WHERE owner = :owner AND vo = :vo AND idempotency_key = :key
                           AND created_at >= now() - make_interval(secs => :keep)
                        """)
                .param("owner", owner)
                .param("vo", vo)
                .param("key", key)
                .param("keep", keep.toSeconds())
                .query((rs, row) -> remembered(rs))
                .optional();
    }

    /**
     * Records a submission under its key, in the current transaction, which must be the one that
     * appends the submission's events: the key then commits or rolls back with them. An expired
     * row of the same key is replaced. Never waits for another submission of the same key: the
     * transaction-scoped advisory lock tells whether one is in progress (a hash collision between
     * two keys only makes one of them answer {@code IN_PROGRESS} while the other is recorded).
     *
     * @throws IllegalStateException when no transaction is active (the key would commit alone)
     */
    public Claim claim(SubmissionKey key, List<Long> jobIds, JobStatus status, String minorStatus, Instant submittedAt) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A submission key is claimed in the transaction that appends its events");
        }
        boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(:lockClass, :lock)")
                .param("lockClass", LOCK_CLASS)
                .param("lock", lockOf(key))
                .query(Boolean.class).single();
        if (!locked) {
            return Claim.IN_PROGRESS;
        }
        Optional<Integer> recorded = jdbc.sql("""
                        INSERT INTO submission_keys (owner, vo, idempotency_key, fingerprint, job_ids, status,
                                                     minor_status, submitted_at, created_at)
                        VALUES (:owner, :vo, :key, :fingerprint, :jobIds, :status, :minorStatus, :submittedAt, now())
                        ON CONFLICT (owner, vo, idempotency_key) DO UPDATE
                           SET fingerprint = EXCLUDED.fingerprint, job_ids = EXCLUDED.job_ids,
                               status = EXCLUDED.status, minor_status = EXCLUDED.minor_status,
                               submitted_at = EXCLUDED.submitted_at, created_at = EXCLUDED.created_at
                         WHERE submission_keys.created_at < now() - make_interval(secs => :keep)
                        RETURNING 1
                        """)
                .param("owner", key.owner())
                .param("vo", key.vo())
                .param("key", key.key().value())
                .param("fingerprint", key.fingerprint())
                .param("jobIds", jobIds.toArray(Long[]::new))
                .param("status", status.label())
                .param("minorStatus", minorStatus)
                .param("submittedAt", OffsetDateTime.ofInstant(submittedAt, ZoneOffset.UTC))
                .param("keep", keep.toSeconds())
                .query(Integer.class).optional();
        return recorded.isPresent() ? Claim.CLAIMED : Claim.TAKEN;
    }

    /** Deletes the keys older than {@link #keep()}; returns how many. */
    public int forgetExpired() {
        return jdbc.sql("DELETE FROM submission_keys WHERE created_at < now() - make_interval(secs => :keep)")
                .param("keep", keep.toSeconds())
                .update();
    }

    private static Remembered remembered(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("job_ids");
        List<Long> jobIds = Arrays.stream((Long[]) ids.getArray()).toList();
        ids.free();
        JobStatus status = JobStatus.fromLabel(rs.getString("status"))
                .orElseThrow(() -> new IllegalStateException("Unknown job status in submission_keys"));
        return new Remembered(rs.getString("fingerprint"), jobIds, status, rs.getString("minor_status"),
                rs.getObject("submitted_at", OffsetDateTime.class).toInstant());
    }

    /** The second half of the claim's lock: the same for the same (owner, VO, key) on every instance. */
    static int lockOf(SubmissionKey key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(key.owner(), key.vo(), key.key().value())) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                sha256.update(bytes);
            }
            return ByteBuffer.wrap(sha256.digest()).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
