package org.jobstream.infra.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.jobstream.infra.cli.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream bench submit}: submissions per second against the running stack, for requests
 * of 1 and of 20 jobs. Not a test: it prints figures.
 */
@Command(name = "bench", description = "Benchmarks against the running stack (prints figures)",
        subcommands = {BenchCommand.Submit.class})
public class BenchCommand {

    static ApiClient client(String user) throws Exception {
        String keys = System.getenv().getOrDefault("JOBSTREAM_KEYS", ".jobstream/keys");
        String token = Tokens.sign(Tokens.readPrivateKey(Path.of(keys, "jwt-private.pem")), user, "lhcb", "lhcb_user",
                List.of("NormalUser"), Duration.ofHours(2), "jobstream-local", "jobstream");
        return new ApiClient(System.getenv().getOrDefault("JOBSTREAM_BASE_URL", "http://127.0.0.1:8000"), token);
    }

    @Command(name = "submit", description = "POST /api/jobs/jdl: jobs per second with 1 and 20 jobs per request")
    static class Submit implements Callable<Integer> {

        @Option(names = "--requests", defaultValue = "2000", description = "requests per run (default ${DEFAULT-VALUE})")
        int requests;

        @Option(names = "--concurrency", defaultValue = "8", description = "client threads (default ${DEFAULT-VALUE})")
        int concurrency;

        @Option(names = "--warmup", defaultValue = "200", description = "requests before measuring (default ${DEFAULT-VALUE})")
        int warmup;

        @Override
        public Integer call() throws Exception {
            ApiClient api = client("bench-" + System.currentTimeMillis());
            String jdl = "Executable = \"echo\"; Arguments = \"benchmark\"; JobName = \"bench\";";
            System.out.println("Submissions against " + System.getenv().getOrDefault("JOBSTREAM_BASE_URL", "http://127.0.0.1:8000")
                    + " with " + concurrency + " client threads");
            for (int jobsPerRequest : new int[] {1, 20}) {
                List<String> body = Collections.nCopies(jobsPerRequest, jdl);
                LoadRun.Operation submit = i -> api.send("POST", "/api/jobs/jdl", body, 201).size();
                LoadRun.run("warm-up", warmup, concurrency, submit, System.err);
                int calls = jobsPerRequest == 1 ? requests : Math.max(1, requests / 4);
                LoadRun.Result result = LoadRun.run("submit, " + jobsPerRequest + " job(s) per request", calls,
                        concurrency, submit, System.err);
                System.out.println(result.summary("jobs"));
            }
            return 0;
        }
    }
}
