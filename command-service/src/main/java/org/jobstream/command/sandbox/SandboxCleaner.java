package org.jobstream.command.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jobstream.access.SandboxPfn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Removes from the store the sandboxes no job uses any more: those whose last job let go of them
 * longer ago than the grace period, and those never assigned to a job and stored longer ago than
 * it; with them, their registrations (see {@link Sandboxes}). Which sandboxes jobs use comes from the read model ({@code readmodel.job_sandboxes}); the grace
 * period (days by default) dwarfs the read models' lag, so a sandbox assigned a moment ago is never
 * taken for unused.
 */
@Service
public class SandboxCleaner {

    private static final Logger log = LoggerFactory.getLogger(SandboxCleaner.class);
    /** Only one instance of the service cleans at a time. */
    private static final long LOCK = 0x53414e44424f58L;

    /** What one cleaning found and did. */
    public record Report(int examined, int inUse, int removable, int removed, boolean dryRun, List<String> removablePfns) {
    }

    private final SandboxStorage storage;
    private final JdbcClient jdbc;
    private final Duration grace;

    SandboxCleaner(SandboxStorage storage, JdbcClient jdbc, @Value("${jobstream.sandbox.clean-after:15d}") Duration grace) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.grace = grace;
    }

    /** The daily run (cron {@code jobstream.sandbox.clean-cron}; {@code -} switches it off). */
    @Scheduled(cron = "${jobstream.sandbox.clean-cron:0 0 6 * * *}")
    void scheduled() {
        Boolean locked = jdbc.sql("SELECT pg_try_advisory_lock(:key)").param("key", LOCK).query(Boolean.class).single();
        if (!Boolean.TRUE.equals(locked)) {
            log.info("Sandbox cleaning skipped: another instance is cleaning");
            return;
        }
        try {
            clean(Optional.empty(), false);
        } finally {
            jdbc.sql("SELECT pg_advisory_unlock(:key)").param("key", LOCK).query(Boolean.class).single();
        }
    }

    /**
     * @param olderThan the grace period for this run, or the configured one
     * @param dryRun    report what would be removed, remove nothing
     */
    public Report clean(Optional<Duration> olderThan, boolean dryRun) {
        Instant cutoff = Instant.now().minus(olderThan.orElse(grace));
        Set<String> inUse = new HashSet<>(jdbc.sql("SELECT DISTINCT pfn FROM readmodel.job_sandboxes")
                .query(String.class).list());
        Map<String, Instant> released = new HashMap<>();
        jdbc.sql("SELECT pfn, released_at FROM readmodel.sandbox_releases")
                .query(rs -> {
                    released.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        List<String> removable = new ArrayList<>();
        List<String> removablePfns = new ArrayList<>();
        int[] examined = {0};
        int[] used = {0};
        List<SandboxStorage.ListedObject> registrations = new ArrayList<>();
        storage.list(object -> {
            if (object.key().startsWith(Sandboxes.REGISTRATIONS)) {
                registrations.add(object);
                return;
            }
            examined[0]++;
            String pfn = "/S3/" + storage.bucket() + "/" + object.key();
            if (inUse.contains(pfn)) {
                used[0]++;
                return;
            }
            Instant unusedSince = released.getOrDefault(pfn, object.lastModified());
            if (unusedSince.isBefore(cutoff) && SandboxPfn.tryParse(pfn).isPresent()) {
                removable.add(object.key());
                removablePfns.add(pfn);
            }
        });
        // A registration goes with its sandbox: when no job uses it and it was registered (or
        // released) before the cutoff, uploaded or not.
        List<String> removableRegistrations = new ArrayList<>();
        for (SandboxStorage.ListedObject registration : registrations) {
            String pfn = "/S3/" + storage.bucket() + "/" + registration.key().substring(Sandboxes.REGISTRATIONS.length());
            if (!inUse.contains(pfn) && released.getOrDefault(pfn, registration.lastModified()).isBefore(cutoff)) {
                removableRegistrations.add(registration.key());
            }
        }
        if (!dryRun) {
            storage.delete(removable);
            storage.delete(removableRegistrations);
        }
        log.info("Sandbox cleaning{}: {} objects examined, {} in use, {} unused since before {}{}",
                dryRun ? " (dry run)" : "", examined[0], used[0], removable.size(), cutoff,
                dryRun ? "" : ", removed");
        return new Report(examined[0], used[0], removable.size(), dryRun ? 0 : removable.size(), dryRun, removablePfns);
    }
}
