package org.jobstream.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jobstream.infra.client.ApiClient;
import org.jobstream.infra.local.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./jobstream sandboxes clean}: removes (or lists, with --dry-run) the sandboxes no job uses. */
@Command(name = "sandboxes", description = "Sandbox store maintenance", subcommands = SandboxesCommand.Clean.class)
class SandboxesCommand {

    @Command(name = "clean", description = "Remove the sandboxes no job has used for the grace period")
    static class Clean implements Callable<Integer> {

        @Option(names = "--dry-run", description = "only list what would be removed")
        boolean dryRun;

        @Option(names = "--older-than", description = "grace period, ISO-8601 (default: the service's, 15 days)")
        Duration olderThan;

        @Override
        public Integer call() throws Exception {
            ApiClient api = ApiClient.ofLocalStack(LocalStack.of(Path.of("")), "operator", "lhcb_admin", List.of("JobAdministrator"),
                    Duration.ofMinutes(10));
            String query = "?dry_run=" + dryRun + (olderThan == null ? "" : "&older_than=" + olderThan);
            JsonNode report = api.send("POST", "/admin/sandboxes/clean" + query, null, 200);
            report.get("removablePfns").forEach(pfn -> System.out.println((dryRun ? "would remove " : "removed ") + pfn.asText()));
            System.out.printf("%d sandboxes examined, %d in use, %d unused past the grace period, %d removed%s%n",
                    report.get("examined").asInt(), report.get("inUse").asInt(), report.get("removable").asInt(),
                    report.get("removed").asInt(), dryRun ? " (dry run)" : "");
            return 0;
        }
    }
}
