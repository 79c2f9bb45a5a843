package org.jobstream.command.job;

import static org.jobstream.command.job.JobHistory.IDEM;
import static org.jobstream.command.job.JobHistory.JOB;
import static org.jobstream.command.job.JobHistory.NOW;
import static org.jobstream.command.job.JobHistory.T2;
import static org.jobstream.command.job.JobHistory.killQueued;
import static org.jobstream.command.job.JobHistory.reached;
import static org.jobstream.command.job.JobHistory.submitted;
import static org.jobstream.command.job.JobHistory.update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jobstream.api.JobStatusChange;
import org.jobstream.commands.UpdateJobStatus;
import org.jobstream.events.JobStateMachine;
import org.jobstream.events.JobStatus;
import org.jobstream.events.JobStatusUpdated;
import org.jobstream.events.StatusRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transition of the 16 x 16 grid, legal and illegal, as one status request to a job in
 * {@code from}: without force the state machine decides (a refused target keeps the status and
 * marks the record's source "(SM)"); with force the target is applied.
 *
 * <p>What every case also shows: a {@code Stalled} job is evaluated as {@code Running};
 * {@code StartExecTime} and {@code EndExecTime} follow the <em>requested</em> status (DiracX sets
 * them even when the state machine refuses it); a job that ends up {@code Killed} or
 * {@code Deleted} gets a {@code Kill} command.
 */
class JobStatusTransitionTest {

    private static final Set<JobStatus> ENDS_EXECUTION =
            Set.of(JobStatus.DONE, JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.KILLED);
    private static final String SOURCE = "Grid";

    private final AggregateTestFixture<Job> fixture = new AggregateTestFixture<>(Job.class);

    static Stream<Arguments> everyTransition() {
        return Arrays.stream(JobStatus.values())
                .flatMap(from -> Arrays.stream(JobStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyTransition")
    void withoutForceTheStateMachineDecides(JobStatus from, JobStatus to) {
        JobStatus evaluatedFrom = from == JobStatus.STALLED ? JobStatus.RUNNING : from;
        JobStatus result = JobStateMachine.next(evaluatedFrom, to);
        String source = result == to ? SOURCE : SOURCE + "(SM)";

        fixture.given(submitted(), reached(from))
                .when(new UpdateJobStatus(JOB, List.of(update(T2, to, "Requested", SOURCE)), false, NOW))
                .expectEvents(expectedEvents(to, result, source, false))
                .expectResultMessagePayload(
                        new JobStatusChange(result, "Requested", null, null, startOf(to), endOf(to), NOW));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyTransition")
    void withForceAnyTargetIsApplied(JobStatus from, JobStatus to) {
        fixture.given(submitted(), reached(from))
                .when(new UpdateJobStatus(JOB, List.of(update(T2, to, "Requested", SOURCE)), true, NOW))
                .expectEvents(expectedEvents(to, to, SOURCE, true))
                .expectResultMessagePayload(new JobStatusChange(to, "Requested", null, null, startOf(to), endOf(to), NOW));
    }

    private static Object[] expectedEvents(JobStatus requested, JobStatus result, String source, boolean forced) {
        List<Object> events = new ArrayList<>();
        events.add(new JobStatusUpdated(JOB, List.of(new StatusRecord(result, "Requested", IDEM, T2, source)), forced,
                result, "Requested", "Unknown", startOf(requested), endOf(requested), null, NOW, NOW));
        if (result == JobStatus.KILLED || result == JobStatus.DELETED) {
            events.add(killQueued(NOW));
        }
        return events.toArray();
    }

    private static Instant startOf(JobStatus requested) {
        return requested == JobStatus.RUNNING ? T2 : null;
    }

    private static Instant endOf(JobStatus requested) {
        return ENDS_EXECUTION.contains(requested) ? T2 : null;
    }
}
