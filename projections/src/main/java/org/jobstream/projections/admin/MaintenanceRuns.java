package org.jobstream.projections.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jobstream.errors.Conflict;
import org.jobstream.errors.Unavailable;
import org.jobstream.projections.check.ReadModelCheck;
import org.jobstream.projections.rebuild.MaintenanceLock;
import org.jobstream.projections.rebuild.Progress;
import org.jobstream.projections.consumer.DeadLetterLog;
import org.jobstream.projections.consumer.DeadLetterLog.DeadLetter;
import org.jobstream.projections.consumer.DeadLetterReplay;
import org.jobstream.projections.rebuild.ReadModelRebuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Runs a rebuild or a check for an operator, one at a time (across every projections instance: the
 * run lock is in PostgreSQL), streaming progress lines that end with a summary line:
 * {@code RESULT OK <operation>: ...}, {@code RESULT DIFFERENCES check: ...} or
 * {@code RESULT FAILED <operation>: ...}. The operation goes on if the operator disconnects; its
 * progress is in the service log too.
 */
@Component
public class MaintenanceRuns {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceRuns.class);

    private final DataSource pool;
    private final ReadModelRebuild rebuild;
    private final ReadModelCheck check;
    private final DeadLetterLog deadLetters;
    private final DeadLetterReplay deadLetterReplay;
    private final AtomicBoolean running = new AtomicBoolean();

    MaintenanceRuns(DataSource pool, ReadModelRebuild rebuild, ReadModelCheck check, DeadLetterLog deadLetters,
                    DeadLetterReplay deadLetterReplay) {
        this.pool = pool;
        this.rebuild = rebuild;
        this.check = check;
        this.deadLetters = deadLetters;
        this.deadLetterReplay = deadLetterReplay;
    }

    /**
     * Lists the unresolved dead letters, or (with {@code replay}) applies them again from the event
     * store: {@code RESULT OK} when none is left unresolved, {@code RESULT DIFFERENCES} otherwise.
     *
     * @throws Conflict while a rebuild or check runs
     */
    public StreamingResponseBody startDeadLetters(boolean replay) {
        String operation = replay ? "dead-letters replay" : "dead-letters";
        MaintenanceLock lock = acquire(operation);
        return out -> execute(operation, lock, out, progress -> {
            long unresolved;
            if (replay) {
                unresolved = deadLetterReplay.run(progress);
            } else {
                List<DeadLetter> parked = deadLetters.unresolved();
                parked.forEach(letter -> progress.line(String.format("#%d job %s %s at position %s (%s-%d@%d), parked %s: %s",
                        letter.id(), letter.jobId(), letter.type(), letter.position(), letter.topic(), letter.partition(),
                        letter.offset(), letter.parkedAt(), letter.reason())));
                unresolved = parked.size();
            }
            return (unresolved == 0 ? "RESULT OK " : "RESULT DIFFERENCES ") + operation + ": " + unresolved
                    + " unresolved" + (unresolved == 0 || replay ? "" : " (./jobstream dead-letters --replay applies them)");
        });
    }

    /**
     * Starts a rebuild: takes the run lock now and returns the body that runs it.
     *
     * @throws Conflict while another rebuild or check runs
     */
    public StreamingResponseBody startRebuild() {
        MaintenanceLock lock = acquire("rebuild");
        return out -> execute("rebuild", lock, out, progress -> "RESULT OK rebuild: " + rebuild.run(lock, progress));
    }

    /**
     * Starts a check: takes the run lock now and returns the body that runs it.
     *
     * @throws Conflict while another rebuild or check runs
     */
    public StreamingResponseBody startCheck() {
        MaintenanceLock lock = acquire("check");
        return out -> execute("check", lock, out, progress -> {
            ReadModelCheck.Report report = check.run(lock, progress);
            // A parked event is a difference with the event store even when the replay cannot apply it either.
            long parked = deadLetters.unresolvedCount();
            String summary = report.summary() + (parked == 0 ? ""
                    : "; " + parked + " dead letters unresolved (./jobstream dead-letters)");
            return (report.differenceCount() == 0 && parked == 0 ? "RESULT OK check: " : "RESULT DIFFERENCES check: ")
                    + summary;
        });
    }

    private MaintenanceLock acquire(String operation) {
        if (!running.compareAndSet(false, true)) {
            throw busy();
        }
        try {
            Optional<MaintenanceLock> lock = MaintenanceLock.tryAcquire(pool);
            if (lock.isEmpty()) {
                throw busy();
            }
            log.info("Starting a {}", operation);
            return lock.get();
        } catch (SQLException | RuntimeException e) {
            running.set(false);
            if (e instanceof Conflict busy) {
                throw busy;
            }
            throw new Unavailable("Cannot start the " + operation + ": " + e.getMessage());
        }
    }

    private static Conflict busy() {
        return new Conflict("A rebuild, check or dead-letter replay is already running");
    }

    private void execute(String operation, MaintenanceLock lock, OutputStream out, Operation body) {
        ProgressStream progress = new ProgressStream(operation, out);
        try (lock) {
            progress.line(body.run(progress));
        } catch (Exception e) {
            log.error("The {} failed", operation, e);
            progress.line("RESULT FAILED " + operation + ": " + e.getMessage());
        } finally {
            running.set(false);
        }
    }

    @FunctionalInterface
    private interface Operation {
        String run(Progress progress) throws Exception;
    }

    /** Writes each line to the operator as soon as it is known, and to the log. */
    private static final class ProgressStream implements Progress {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

        private final String operation;
        private final OutputStream out;
        private boolean connected = true;

        ProgressStream(String operation, OutputStream out) {
            this.operation = operation;
            this.out = out;
        }

        @Override
        public synchronized void line(String text) {
            log.info("{}: {}", operation, text);
            if (!connected) {
                return;
            }
            try {
                out.write((LocalTime.now().format(TIME) + " " + text + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                connected = false;
                log.warn("The operator of the {} disconnected; it goes on", operation);
            }
        }
    }
}
