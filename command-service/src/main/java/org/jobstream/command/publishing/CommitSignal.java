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
import org.springframework.stereotype.Component;

/**
 * Tells its listeners as soon as events are committed to the event store, by any instance: a
 * trigger on the event table notifies channel {@value #CHANNEL} at each commit, and this listens
 * on a connection of its own. So the publisher reads new events at once instead of polling. It
 * also signals every {@code fallback} without a notification and after every reconnection, so a
 * notification lost with a connection only delays, never strands, an event.
 */
@Component
class CommitSignal implements SmartLifecycle {

    static final String CHANNEL = "jobstream_events_appended";
    private static final Logger log = LoggerFactory.getLogger(CommitSignal.class);

    private final DataSourceProperties database;
    private final Duration fallback;
    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private volatile boolean running;
    private Thread thread;

    CommitSignal(DataSourceProperties database,
                 @Value("${jobstream.publisher.fallback-poll:1s}") Duration fallback) {
        this.database = database;
        this.fallback = fallback;
    }

    void listen(Runnable listener) {
        listeners.add(listener);
    }

    void forget(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "commit-signal");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
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
                try {
                    Thread.sleep(backOff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backOff = backOff.multipliedBy(2).compareTo(fallback) > 0 ? fallback : backOff.multipliedBy(2);
            }
        }
    }

    private void signal() {
        listeners.forEach(Runnable::run);
    }
}
