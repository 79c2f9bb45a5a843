package org.jobstream.infra.local;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jobstream.infra.cli.Tokens;

/**
 * The local stack that {@code ./jobstream up} starts, as every tool sees it (the CLI, the
 * benchmark, the end-to-end tests): its addresses, its database, its signing key and the issuer
 * and audience of its tokens. One description, read from the environment {@code ./jobstream}
 * passes on ({@code .jobstream/config.env} moves the ports), with the stack's defaults.
 *
 * @param baseUrl        the entry point ({@code JOBSTREAM_BASE_URL}, or {@code JOBSTREAM_PORT} on the loopback)
 * @param jdbcUrl        the PostgreSQL database ({@code JOBSTREAM_JDBC_URL}, {@code JOBSTREAM_PG_URL} or {@code JOBSTREAM_PG_PORT})
 * @param kafka          the Kafka bootstrap servers ({@code JOBSTREAM_KAFKA_BOOTSTRAP} or {@code JOBSTREAM_KAFKA_PORT})
 * @param elasticsearch  Elasticsearch ({@code JOBSTREAM_ES_URL} or {@code JOBSTREAM_ES_PORT})
 * @param commandUrl     the command service itself, behind the entry point ({@code JOBSTREAM_COMMAND_PORT})
 * @param queryUrl       the query service itself ({@code JOBSTREAM_QUERY_PORT})
 * @param projectionsUrl the projections service, for its administration routes ({@code JOBSTREAM_PROJECTIONS_URL} or {@code _PORT})
 * @param keys           the directory of the stack's key pair ({@code JOBSTREAM_KEYS}, or {@code keys} in the state directory)
 * @param state          the stack's state directory ({@code JOBSTREAM_STATE}, or {@code .jobstream})
 */
public record LocalStack(String baseUrl, String jdbcUrl, String dbUser, String dbPassword, String kafka,
                         String elasticsearch, String commandUrl, String queryUrl, String projectionsUrl, Path keys,
                         Path state) {

    /** The issuer ({@code iss}) of the local stack's tokens, which the services expect by default. */
    public static final String ISSUER = "jobstream-local";
    /** The audience ({@code aud}) the services expect by default. */
    public static final String AUDIENCE = "jobstream";
    /** The key id of the local signing key in tokens and in the JWKS. */
    public static final String KEY_ID = "jobstream-local";
    /** The job events topic. */
    public static final String TOPIC = "jobstream.job-events";

    /** The stack described by this process's environment, its state under {@code root}. */
    public static LocalStack of(Path root) {
        return of(System.getenv(), root);
    }

    /** The stack described by {@code env}, its state under {@code root} unless {@code JOBSTREAM_STATE} says. */
    public static LocalStack of(Map<String, String> env, Path root) {
        Path state = Path.of(value(env, "JOBSTREAM_STATE").orElse(root.resolve(".jobstream").toString()));
        String jdbc = value(env, "JOBSTREAM_JDBC_URL").or(() -> value(env, "JOBSTREAM_PG_URL"))
                .orElse("jdbc:postgresql://127.0.0.1:" + port(env, "JOBSTREAM_PG_PORT", 55432) + "/jobstream");
        return new LocalStack(
                value(env, "JOBSTREAM_BASE_URL").orElse(loopback(port(env, "JOBSTREAM_PORT", 8000))),
                jdbc,
                value(env, "JOBSTREAM_PG_USER").orElse("jobstream"),
                value(env, "JOBSTREAM_PG_PASSWORD").orElse("jobstream"),
                value(env, "JOBSTREAM_KAFKA_BOOTSTRAP").orElse("127.0.0.1:" + port(env, "JOBSTREAM_KAFKA_PORT", 19092)),
                value(env, "JOBSTREAM_ES_URL").orElse(loopback(port(env, "JOBSTREAM_ES_PORT", 19200))),
                loopback(port(env, "JOBSTREAM_COMMAND_PORT", 8081)),
                loopback(port(env, "JOBSTREAM_QUERY_PORT", 8082)),
                value(env, "JOBSTREAM_PROJECTIONS_URL").orElse(loopback(port(env, "JOBSTREAM_PROJECTIONS_PORT", 8083))),
                value(env, "JOBSTREAM_KEYS").map(Path::of).orElse(state.resolve("keys")),
                state);
    }

    /** The private half of the stack's signing key. */
    public Path privateKey() {
        return keys.resolve("jwt-private.pem");
    }

    /** A connection to the stack's database. */
    public Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    /** A token the stack's services accept, for any identity. */
    public String token(String user, String vo, String group, List<String> properties, Duration lifetime)
            throws IOException, GeneralSecurityException {
        return token(signingKey(), user, vo, group, properties, lifetime);
    }

    /** As {@link #token(String, String, String, List, Duration)}, with a key already read. */
    public static String token(PrivateKey key, String user, String vo, String group, List<String> properties,
                               Duration lifetime) {
        try {
            return Tokens.sign(key, user, vo, group, properties, lifetime, ISSUER, AUDIENCE);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    public PrivateKey signingKey() throws IOException, GeneralSecurityException {
        return Tokens.readPrivateKey(privateKey());
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return value(env, name).map(Integer::parseInt).orElse(fallback);
    }

    /** {@code http://127.0.0.1:port}: the local stack listens on the loopback only. */
    public static String loopback(int port) {
        return "http://127.0.0.1:" + port;
    }
}
