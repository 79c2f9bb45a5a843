package org.jobstream.command.publishing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells its listeners (the publisher's event stream) as soon as events are committed to the event
 * store, by this instance or another, so that the publisher reads them at once instead of polling:
 * <ul>
 *   <li>a commit of this instance signals at once ({@link #committedHere()});</li>
 *   <li>and it is announced to the other instances on PostgreSQL channel {@value #CHANNEL}, off the
 *       request path and at most once per {@code notify-spacing} however many commits there were
 *       (a NOTIFY in the command's own transaction would serialise every commit on PostgreSQL's
 *       notification lock);</li>
 *   <li>an instance listens on that channel on a connection of its own;</li>
 *   <li>and without either, it signals every {@code fallback-poll}, and after every reconnection,
 *       so that a lost notification only delays an event, never strands it.</li>
 * </ul>
 */
@Component
class CommitSignal implements SmartLifecycle {

    static final String CHANNEL = "jobstream_events_appended";
    private static final Logger log = LoggerFactory.getLogger(CommitSignal.class);

    private final DataSourceProperties database;
    private final JdbcClient jdbc;
    private final Duration fallback;
    private final Duration notifySpacing;
    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private final Object announce = new Object();
    private boolean toAnnounce;
    private volatile boolean running;
    private Thread listener;
    private Thread announcer;

    CommitSignal(DataSourceProperties database, JdbcClient jdbc,
                 @Value("${jobstream.publisher.fallback-poll:1s}") Duration fallback,
                 @Value("${jobstream.publisher.notify-spacing:5ms}") Duration notifySpacing) {
        this.database = database;
        this.jdbc = jdbc;
        this.fallback = fallback;
        this.notifySpacing = notifySpacing;
    }

    void listen(Runnable listener) {
        listeners.add(listener);
    }

    void forget(Runnable listener) {
        listeners.remove(listener);
    }

    /** Events were committed by this instance: wake its publisher now, and the other instances soon. */
    void committedHere() {
        signal();
        synchronized (announce) {
            toAnnounce = true;
            announce.notifyAll();
        }
    }

    @Override
    public void start() {
        running = true;
        listener = daemon("commit-signal", this::listenForCommits);
        announcer = daemon("commit-announcer", this::announceCommits);
    }

    @Override
    public void stop() {
        running = false;
        listener.interrupt();
        announcer.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void listenForCommits() {
        Duration backOff = Duration.ofMillis(500);
        while (running) {
            try (Connection connection = DriverManager.getConnection(
                    database.determineUrl(), database.determineUsername(), database.determinePassword());
                 Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection listening = connection.unwrap(PGConnection.class);
                log.info("Listening for commits to the event store (channel {})", CHANNEL);
                backOff = Duration.ofMillis(500);
                signal(); // anything committed while not listening
                while (running) {
                    // returns on a notification or after the fallback period; throws when the connection is lost
                    listening.getNotifications((int) fallback.toMillis());
                    signal();
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("Not listening for commits to the event store ({}); polling every {} until reconnected",
                        e.getMessage(), backOff);
                signal();
                if (!pause(backOff)) {
                    return;
                }
                backOff = backOff.multipliedBy(2).compareTo(fallback) > 0 ? fallback : backOff.multipliedBy(2);
            }
        }
    }

    private void announceCommits() {
        while (running) {
            try {
                synchronized (announce) {
                    while (!toAnnounce) {
                        announce.wait();
                    }
                    toAnnounce = false;
                }
                // Without waiting for the disk: a notification is a hint, never the record of anything.
                jdbc.sql("SELECT set_config('synchronous_commit', 'off', true), pg_notify(:channel, '')")
                        .param("channel", CHANNEL).query().listOfRows();
                Thread.sleep(notifySpacing.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.debug("Cannot announce commits to the other instances: {}", e.toString());
                if (!pause(fallback)) {
                    return;
                }
            }
        }
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void signal() {
        listeners.forEach(Runnable::run);
    }
}
