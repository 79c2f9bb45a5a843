package org.jobstream.projections.rebuild;

import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PostgreSQL schemas of the read model: the live one ({@code readmodel}), the one a rebuild
 * fills ({@code readmodel_next}), the one it replaces ({@code readmodel_previous}) and the scratch
 * schema of a check ({@code readmodel_check}). A schema is created by the same migrations as the
 * live one, and a rebuild puts its schema in place with two renames in one transaction.
 */
@Component
public class ReadModelSchemas {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,50}");

    private final DataSource pool;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String live;
    private final String locations;
    private final String historyTable;

    public ReadModelSchemas(DataSource pool, JdbcClient jdbc, TransactionTemplate transactions,
                            @Value("${spring.flyway.schemas:readmodel}") String live,
                            @Value("${spring.flyway.locations:classpath:db/readmodel}") String locations,
                            @Value("${spring.flyway.table:flyway_schema_history}") String historyTable) {
        this.pool = pool;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.live = identifier(live);
        this.locations = locations;
        this.historyTable = identifier(historyTable);
    }

    public String live() {
        return live;
    }

    public String next() {
        return live + "_next";
    }

    public String previous() {
        return live + "_previous";
    }

    public String check() {
        return live + "_check";
    }

    /** The table in which the migrations record themselves (not part of the read model). */
    public String historyTable() {
        return historyTable;
    }

    /** Drops {@code schema} if it exists, then creates it empty with the read model's migrations. */
    public void recreate(String schema) {
        drop(schema);
        Flyway.configure()
                .dataSource(pool)
                .schemas(identifier(schema))
                .locations(locations)
                .table(historyTable)
                .load()
                .migrate();
    }

    public void drop(String schema) {
        jdbc.sql("DROP SCHEMA IF EXISTS " + identifier(schema) + " CASCADE").update();
    }

    public boolean exists(String schema) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = :schema)")
                .param("schema", schema)
                .query(Boolean.class)
                .single();
    }

    /** Copies the live consumers' topic positions into {@code schema}, replacing what it has. */
    public void copyOffsets(String schema) {
        String target = identifier(schema);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM " + target + ".projection_offsets").update();
            jdbc.sql("INSERT INTO " + target + ".projection_offsets (topic, partition, next_offset, searchable_offset, updated_at) "
                    + "SELECT topic, partition, next_offset, searchable_offset, updated_at FROM " + live + ".projection_offsets")
                    .update();
        });
    }

    /**
     * In one transaction: the live schema becomes {@link #previous()} (an older one is dropped
     * first), {@link #next()} becomes the live schema, and {@code alsoInside} runs before the
     * commit; if it fails, nothing changes.
     */
    public void promoteNext(SwitchStep alsoInside) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DROP SCHEMA IF EXISTS " + previous() + " CASCADE").update();
            jdbc.sql("ALTER SCHEMA " + live + " RENAME TO " + previous()).update();
            jdbc.sql("ALTER SCHEMA " + next() + " RENAME TO " + live).update();
            try {
                alsoInside.run();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot switch the read model: " + e.getMessage(), e);
            }
        });
    }

    /** A schema or table name, checked, since it is written into SQL. */
    static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case SQL identifier: " + name);
        }
        return name;
    }

    @FunctionalInterface
    public interface SwitchStep {
        void run() throws Exception;
    }
}
