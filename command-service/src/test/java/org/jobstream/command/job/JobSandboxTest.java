package org.jobstream.command.job;

import static org.jobstream.command.job.JobHistory.JOB;
import static org.jobstream.command.job.JobHistory.JDL;
import static org.jobstream.command.job.JobHistory.NOW;
import static org.jobstream.command.job.JobHistory.SUBMITTED;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jobstream.commands.AssignOutputSandbox;
import org.jobstream.commands.UnassignSandboxes;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;
import org.jobstream.events.OutputSandboxAssigned;
import org.jobstream.events.SandboxesUnassigned;
import org.junit.jupiter.api.Test;

class JobSandboxTest {

    private static final String INPUT = "/S3/sandboxes/lhcb/lhcb_user/alice/sha256:" + "a".repeat(64) + ".tar.bz2";
    private static final String OUTPUT = "/S3/sandboxes/lhcb/lhcb_user/alice/sha256:" + "b".repeat(64) + ".tar.bz2";

    private final AggregateTestFixture<Job> fixture = new AggregateTestFixture<>(Job.class);

    private static JobSubmitted submittedWithInputSandbox() {
        return new JobSubmitted(JOB, "alice", "lhcb_user", "lhcb", "Unknown", "User", "00000000", "ANY", 1,
                JobStatus.RECEIVED, "Job accepted", "Unknown", "JobManager", SUBMITTED, JDL,
                List.of("SB:SandboxSE|" + INPUT), List.of());
    }

    @Test
    void anOutputSandboxIsAssignedByItsShortName() {
        fixture.given(submittedWithInputSandbox())
                .when(new AssignOutputSandbox(JOB, "SB:SandboxSE|" + OUTPUT, NOW))
                .expectEvents(new OutputSandboxAssigned(JOB, OUTPUT, NOW));
    }

    @Test
    void theSameOutputSandboxTwiceIsRefused() {
        fixture.given(submittedWithInputSandbox(), new OutputSandboxAssigned(JOB, OUTPUT, NOW))
                .when(new AssignOutputSandbox(JOB, OUTPUT, NOW))
                .expectNoEvents()
                .expectException(InvalidJobUpdateException.class)
                .expectExceptionMessage("Sandbox already assigned");
    }

    @Test
    void unassigningRemovesInputAndOutputMappings() {
        fixture.given(submittedWithInputSandbox(), new OutputSandboxAssigned(JOB, OUTPUT, NOW))
                .when(new UnassignSandboxes(JOB, NOW))
                .expectEvents(new SandboxesUnassigned(JOB, List.of(INPUT, OUTPUT), NOW));
    }

    @Test
    void unassigningAJobWithoutSandboxesChangesNothing() {
        fixture.given(submittedWithInputSandbox(), new SandboxesUnassigned(JOB, List.of(INPUT), NOW))
                .when(new UnassignSandboxes(JOB, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
