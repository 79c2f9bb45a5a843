package org.jobstream.command.job;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.jobstream.commands.SubmitJob;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobSubmitted;

/**
 * A job, event sourced. Command handlers decide and apply events; event-sourcing handlers only
 * change state.
 */
@Aggregate
public class Job {

    static final String SUBMISSION_SOURCE = "JobManager";
    static final String INITIAL_APPLICATION_STATUS = "Unknown";

    @AggregateIdentifier
    private Long jobId;
    private JobStatus status;

    protected Job() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public Job(SubmitJob command) {
        apply(new JobSubmitted(
                command.jobId(),
                command.owner(),
                command.ownerGroup(),
                command.vo(),
                command.jobName(),
                command.jobType(),
                command.jobGroup(),
                command.site(),
                command.userPriority(),
                command.status(),
                command.minorStatus(),
                INITIAL_APPLICATION_STATUS,
                SUBMISSION_SOURCE,
                command.submissionTime(),
                command.jdl(),
                command.inputSandboxes(),
                command.inputData()));
    }

    @EventSourcingHandler
    void on(JobSubmitted event) {
        this.jobId = event.jobId();
        this.status = event.status();
    }
}
