package org.jobstream.infra.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator's tool behind {@code ./jobstream}: tokens for the embedded default, the job events
 * consumer, the benchmarks, the read models' maintenance (rebuild, check, dead letters) and the
 * sandbox cleaner.
 */
@Command(name = "jobstream", mixinStandardHelpOptions = true,
        subcommands = {TokenCommand.class, LoginCommand.class, EventsCommand.class, org.jobstream.infra.bench.BenchCommand.class,
            AdminCommand.class, SandboxesCommand.class},
        description = "Jobstream operator tool")
public class JobstreamCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new JobstreamCli()).execute(args));
    }
}
