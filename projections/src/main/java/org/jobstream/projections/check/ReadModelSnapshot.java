package org.jobstream.projections.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A consistent view of two read model schemas, the live one and a replay, compared in set-based
 * SQL. Taken while the live consumers are paused (one repeatable-read transaction), it can then
 * be compared at leisure while they go on.
 *
 * <p>For each job: rows equal in every table, fine; the live {@code jobs} row older (smaller
 * {@code event_seq}) than the replay's, lagging (the live consumers have not applied the job's
 * newest events yet); anything else, a difference: a row missing from the live read model, a row
 * the replay does not have, a live row newer than the replay, or the same row with other values.
 * Columns that record when the projector wrote a row (a {@code now()} default) are not compared.
 */
public final class ReadModelSnapshot implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VALUE_LENGTH = 80;

    private final Connection connection;
    private final JdbcClient jdbc;

    private ReadModelSnapshot(Connection connection) {
        this.connection = connection;
        this.jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
    }

    /** Starts a read-only repeatable-read transaction on a connection of {@code pool}: its snapshot is now. */
    public static ReadModelSnapshot take(DataSource pool) throws SQLException {
        Connection connection = pool.getConnection();
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_current_snapshot()");
            }
            return new ReadModelSnapshot(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The outcome: job counts, lagging jobs, and the differences (the first {@code maxReported}, and how many in all). */
    public record Result(long replayJobs, long liveJobs, long lagging, long differenceCount, List<Difference> differences,
                         List<String> notes) {
    }

    /**
     * Compares every table of {@code replay} (except {@code excludedTables}) with the same table of
     * {@code live}.
     */
    public Result compare(String live, String replay, Collection<String> excludedTables, int maxReported) {
        long replayJobs = count(replay + ".jobs");
        long liveJobs = count(live + ".jobs");
        long lagging = jdbc.sql(laggingJobs(live, replay).replace("SELECT r.job_id", "SELECT COUNT(*)"))
                .query(Long.class).single();
        List<Difference> differences = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long total = 0;
        for (String table : tables(replay)) {
            if (excludedTables.contains(table)) {
                continue;
            }
            List<Column> columns = columns(replay, table);
            Set<String> liveColumns = new TreeSet<>(columns(live, table).stream().map(Column::name).toList());
            Set<String> replayColumns = new TreeSet<>(columns.stream().map(Column::name).toList());
            List<String> keys = primaryKey(replay, table);
            if (!liveColumns.equals(replayColumns)) {
                notes.add("table " + table + " has columns " + liveColumns + " in the live read model but " + replayColumns
                        + " in the replay: not compared");
                total++;
                continue;
            }
            if (keys.isEmpty()) {
                notes.add("table " + table + " has no primary key: not compared");
                continue;
            }
            List<String> compared = columns.stream()
                    .filter(c -> !keys.contains(c.name()) && !c.writeTime())
                    .map(Column::name)
                    .toList();
            TableDifferences found = differences(live, replay, table, keys, columns.stream().map(Column::name).toList(),
                    compared, maxReported);
            total += found.count();
            differences.addAll(found.first());
        }
        return new Result(replayJobs, liveJobs, lagging, total,
                differences.stream().limit(maxReported).toList(), notes);
    }

    private record TableDifferences(long count, List<Difference> first) {
    }

    private TableDifferences differences(String live, String replay, String table, List<String> keys, List<String> columns,
                                         List<String> compared, int limit) {
        String joinOn = keys.stream().map(k -> "l." + k + " = r." + k).collect(Collectors.joining(" AND "));
        String firstKey = keys.get(0);
        String valuesDiffer = compared.isEmpty() ? "FALSE"
                : "(" + list("l.", compared) + ") IS DISTINCT FROM (" + list("r.", compared) + ")";
        boolean perJob = keys.contains("job_id") || columns.contains("job_id");
        String sql = "WITH lagging AS (" + laggingJobs(live, replay) + "), "
                + "differing AS ("
                + "  SELECT " + (perJob ? "COALESCE(l.job_id, r.job_id)" : "CAST(NULL AS bigint)") + " AS job_id,"
                + "         COALESCE(l." + firstKey + ", r." + firstKey + ") AS first_key,"
                + "         to_jsonb(l) AS live_row, to_jsonb(r) AS replay_row"
                + "  FROM " + live + "." + table + " l FULL JOIN " + replay + "." + table + " r ON " + joinOn
                + "  WHERE l." + firstKey + " IS NULL OR r." + firstKey + " IS NULL OR " + valuesDiffer + ") "
                + "SELECT d.job_id, d.live_row::text, d.replay_row::text, COUNT(*) OVER () AS total "
                + "FROM differing d WHERE NOT EXISTS (SELECT 1 FROM lagging g WHERE g.job_id = d.job_id) "
                + "ORDER BY d.job_id, d.first_key LIMIT :limit";
        long[] total = {0};
        List<Difference> first = jdbc.sql(sql)
                .param("limit", Math.max(1, limit))
                .query((rs, n) -> {
                    total[0] = rs.getLong("total");
                    long jobId = rs.getLong(1);
                    return describe(table, keys, compared, rs.wasNull() ? null : jobId, tree(rs.getString(2)),
                            tree(rs.getString(3)));
                })
                .list();
        return new TableDifferences(total[0], first);
    }

    /** The jobs whose live row is older than the replay's: the live consumers have yet to apply their newest events. */
    private static String laggingJobs(String live, String replay) {
        return "SELECT r.job_id FROM " + live + ".jobs l JOIN " + replay + ".jobs r ON r.job_id = l.job_id"
                + " WHERE l.event_seq < r.event_seq";
    }

    static Difference describe(String table, List<String> keys, List<String> compared, Long jobId, JsonNode live,
                               JsonNode replay) {
        List<String> rowKey = keys.stream().filter(k -> !k.equals("job_id")).toList();
        String key = rowKey.isEmpty() ? "" : " " + rowKey.stream()
                .map(k -> k + "=" + value((live != null ? live : replay).get(k)))
                .collect(Collectors.joining(", ", "[", "]"));
        if (live == null) {
            return new Difference(jobId, table + key, "missing from the live read model");
        }
        if (replay == null) {
            return new Difference(jobId, table + key, "in the live read model but not in the replay of the event store");
        }
        String differing = compared.stream()
                .filter(c -> !live.path(c).equals(replay.path(c)))
                .map(c -> c + " (live " + value(live.get(c)) + ", replay " + value(replay.get(c)) + ")")
                .collect(Collectors.joining(", "));
        if (live.has("event_seq") && replay.has("event_seq") && !keys.contains("event_seq")
                && live.get("event_seq").asLong() > replay.get("event_seq").asLong()) {
            return new Difference(jobId, table + key, "live row is newer than the replay: " + differing);
        }
        return new Difference(jobId, table + key, "differs in " + differing);
    }

    private static String value(JsonNode node) {
        String text = node == null || node.isNull() ? "null" : node.toString();
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "...";
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String list(String prefix, List<String> columns) {
        return columns.stream().map(c -> prefix + c).collect(Collectors.joining(", "));
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private List<String> tables(String schema) {
        return jdbc.sql("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = :schema AND c.relkind IN ('r', 'p') ORDER BY c.relname")
                .param("schema", schema)
                .query(String.class)
                .list();
    }

    private record Column(String name, boolean writeTime) {
    }

    private List<Column> columns(String schema, String table) {
        return jdbc.sql("SELECT a.attname, COALESCE(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a "
                        + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                        + "WHERE n.nspname = :schema AND c.relname = :table AND a.attnum > 0 AND NOT a.attisdropped "
                        + "ORDER BY a.attnum")
                .param("schema", schema)
                .param("table", table)
                .query((rs, n) -> new Column(rs.getString(1), isWriteTime(rs.getString(2))))
                .list();
    }

    private static boolean isWriteTime(String columnDefault) {
        String d = columnDefault.toLowerCase();
        return d.contains("now()") || d.contains("current_timestamp") || d.contains("clock_timestamp()")
                || d.contains("statement_timestamp()") || d.contains("transaction_timestamp()");
    }

    private List<String> primaryKey(String schema, String table) {
        return jdbc.sql("SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey) "
                        + "WHERE i.indisprimary AND n.nspname = :schema AND c.relname = :table "
                        + "ORDER BY array_position(i.indkey::int2[], a.attnum)")
                .param("schema", schema)
                .param("table", table)
                .query(String.class)
                .list();
    }

    /** Ends the transaction and returns the connection. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }

    static Set<String> defaultExclusions(String historyTable) {
        return Set.of("projection_offsets", historyTable);
    }
}
