package org.jobstream.infra.cli;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jobstream.infra.local.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/**
 * The read models' maintenance, run by the projections service and followed here: {@code rebuild}
 * replays the event store into fresh tables and a fresh index and switches to them while search
 * keeps answering; {@code check} compares the read models with a replay and lists every
 * difference. Both print the service's progress lines as they arrive. Exit code: 0 done (no
 * difference), 1 the check found differences, 2 the operation failed or could not start.
 * {@code archive} asks the command service to move finished jobs to the archive and prints its answer.
 */
@Command(name = "admin", description = "Rebuild or check the read models (run by the projections service); "
        + "archive finished jobs (run by the command service)",
        subcommands = {AdminCommand.Rebuild.class, AdminCommand.Check.class, AdminCommand.DeadLetters.class,
                AdminCommand.Archive.class})
class AdminCommand {

    static final int OK = 0;
    static final int DIFFERENCES = 1;
    static final int FAILED = 2;

    /** Where the projections service is, and the key that signs the administrator's token. */
    static class Target {
        @Option(names = "--url", description = "the projections service (default: $JOBSTREAM_PROJECTIONS_URL, "
                + "else http://127.0.0.1:$JOBSTREAM_PROJECTIONS_PORT, port 8083 by default)")
        String url;

        @Option(names = "--key", description = "PEM PKCS#8 private key to sign the administrator's token (default: the local stack's)")
        Path key;
    }

    @Command(name = "rebuild", description = "Rebuild every read model from the event store, then switch to it")
    static class Rebuild implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            return run("rebuild", target);
        }
    }

    @Command(name = "check", description = "Compare the read models with a replay of the event store; exit 1 on a difference")
    static class Check implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            return run("check", target);
        }
    }

    @Command(name = "dead-letters", description = "List the events the read models could not apply (exit 1 if any), "
            + "or apply them again from the event store")
    static class DeadLetters implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--replay", description = "apply the unresolved dead letters again, after a fix")
        boolean replay;

        @Override
        public Integer call() throws Exception {
            return run(replay ? "dead-letters/replay" : "dead-letters", target);
        }
    }

    @Command(name = "archive", description = "Move finished jobs (Done, Failed, Killed, Deleted) idle for --older-than "
            + "from the event store to the archive in the object store; their history stays readable")
    static class Archive implements Callable<Integer> {
        @Option(names = "--url", description = "the command service (default: $JOBSTREAM_COMMAND_URL, "
                + "else http://127.0.0.1:$JOBSTREAM_COMMAND_PORT, port 8081 by default)")
        String url;

        @Option(names = "--key", description = "PEM PKCS#8 private key to sign the administrator's token (default: the local stack's)")
        Path key;

        @Option(names = "--older-than", defaultValue = "P30D",
                description = "how long a job has had no event (ISO-8601 duration, default ${DEFAULT-VALUE})")
        Duration olderThan;

        @Option(names = "--limit", defaultValue = "1000", description = "at most this many jobs (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            String base = url != null ? url : LocalStack.of(Path.of("")).commandUrl();
            URI target = URI.create(base + "/admin/archive?finished_before=" + Instant.now().minus(olderThan)
                    + "&limit=" + limit);
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                        .send(adminRequest(target, key), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                System.err.println("The command service does not answer at " + target + ": is the stack up?");
                return FAILED;
            }
            System.out.println(response.body());
            return response.statusCode() == 200 ? OK : FAILED;
        }
    }

    /** A POST to an administrator's route, with a JobAdministrator's token signed by the key (the local stack's by default). */
    private static HttpRequest adminRequest(URI target, Path key) throws Exception {
        Path keyFile = key != null ? key : LocalStack.of(Path.of("")).privateKey();
        String token = LocalStack.token(Tokens.readPrivateKey(keyFile), "jobstream-operator", "jobstream",
                "jobstream_admin", List.of("JobAdministrator"), Duration.ofHours(12));
        return HttpRequest.newBuilder(target)
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofHours(1))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    static int run(String operation, Target options) throws Exception {
        URI target = URI.create(baseUrl(options.url) + "/admin/" + operation);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = adminRequest(target, options.key);
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (ConnectException e) {
            System.err.println("The projections service does not answer at " + target + ": is the stack up?");
            return FAILED;
        }
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                System.err.println(operation + " refused (" + response.statusCode() + "): " + String.join("\n", lines.toList()));
                return FAILED;
            }
            return follow(lines.iterator());
        } catch (UncheckedIOException e) {
            System.err.println("The connection to the projections service broke: " + e.getMessage()
                    + " (the operation may go on there: see its log)");
            return FAILED;
        }
    }

    /** Prints every line as it arrives; the exit code comes from the final {@code RESULT} line. */
    static int follow(Iterator<String> lines) {
        int exit = FAILED;
        while (lines.hasNext()) {
            String line = lines.next();
            System.out.println(line);
            System.out.flush();
            exit = exitCode(line);
        }
        return exit;
    }

    static int exitCode(String line) {
        String result = line.replaceFirst("^\\S+ ", "");
        if (result.startsWith("RESULT OK")) {
            return OK;
        }
        if (result.startsWith("RESULT DIFFERENCES")) {
            return DIFFERENCES;
        }
        return FAILED;
    }

    private static String baseUrl(String url) {
        if (url != null) {
            return url;
        }
        return LocalStack.of(Path.of("")).projectionsUrl();
    }
}
