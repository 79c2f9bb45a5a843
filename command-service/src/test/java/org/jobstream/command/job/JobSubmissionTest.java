package org.jobstream.command.job;

import static org.jobstream.command.job.JobHistory.JDL;
import static org.jobstream.command.job.JobHistory.JOB;
import static org.jobstream.command.job.JobHistory.SUBMITTED;
import static org.jobstream.command.job.JobHistory.submitted;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jobstream.commands.SubmitJob;
import org.jobstream.events.JobStatus;
import org.junit.jupiter.api.Test;

class JobSubmissionTest {

    private final AggregateTestFixture<Job> fixture = new AggregateTestFixture<>(Job.class);

    @Test
    void submittingAJobCreatesItReceivedWithOneRecordFromTheJobManager() {
        fixture.givenNoPriorActivity()
                .when(new SubmitJob(JOB, "alice", "lhcb_user", "lhcb", "Unknown", "User", "00000000", "ANY", 1,
                        JobStatus.RECEIVED, "Job accepted", SUBMITTED, JDL, List.of(), List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(submitted());
    }
}
