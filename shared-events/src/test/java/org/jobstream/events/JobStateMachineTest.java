package org.jobstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pair of the 16 x 16 grid against an independent copy of the table of jobs-api.md
 * ("Status, heartbeat, reschedule, metadata"), written as text so it can be compared by eye.
 */
class JobStateMachineTest {

    /** from | allowed targets: a copy of the contract's table. */
    private static final String CONTRACT_TABLE = """
            Submitting  | Received, Checking, Deleted, Killed
            Received    | Scouting, Checking, Staging, Waiting, Failed, Deleted, Killed
            Checking    | Scouting, Staging, Waiting, Rescheduled, Failed, Deleted, Killed
            Scouting    | Checking, Failed, Stalled, Killed
            Staging     | Checking, Waiting, Failed, Killed
            Waiting     | Matched, Rescheduled, Deleted, Killed
            Matched     | Running, Failed, Rescheduled, Killed
            Rescheduled | Waiting, Received, Deleted, Failed, Killed
            Running     | Stalled, Done, Failed, Rescheduled, Completing, Killed, Received
            Stalled     | Running, Failed, Killed
            Completing  | Done, Failed, Completed, Stalled, Killed
            Completed   | Done, Failed
            Done        | Deleted
            Failed      | Rescheduled, Deleted
            Killed      | Deleted
            Deleted     |
            """;

    private static final Map<JobStatus, Set<JobStatus>> TABLE = parse(CONTRACT_TABLE);

    private static Map<JobStatus, Set<JobStatus>> parse(String text) {
        Map<JobStatus, Set<JobStatus>> table = new EnumMap<>(JobStatus.class);
        text.lines().forEach(line -> {
            String[] columns = line.split("\\|", -1);
            Set<JobStatus> targets = EnumSet.noneOf(JobStatus.class);
            Arrays.stream(columns[1].split(","))
                    .map(String::trim)
                    .filter(label -> !label.isEmpty())
                    .map(label -> JobStatus.fromLabel(label).orElseThrow())
                    .forEach(targets::add);
            table.put(JobStatus.fromLabel(columns[0].trim()).orElseThrow(), targets);
        });
        return table;
    }

    static Stream<Arguments> everyPair() {
        return Arrays.stream(JobStatus.values())
                .flatMap(from -> Arrays.stream(JobStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @Test
    void theTextTableNamesEveryStatusOnce() {
        assertThat(TABLE.keySet()).containsExactlyInAnyOrder(JobStatus.values());
        assertThat(CONTRACT_TABLE.lines().count()).isEqualTo(JobStatus.values().length);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void allowsExactlyTheContractsTransitionsAndStayingPut(JobStatus from, JobStatus to) {
        boolean expected = from == to || TABLE.get(from).contains(to);

        assertThat(JobStateMachine.allows(from, to)).isEqualTo(expected);
        assertThat(JobStateMachine.next(from, to)).isEqualTo(expected ? to : from);
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void listsTheContractsTargetsOfEachStatus(JobStatus from) {
        assertThat(JobStateMachine.targetsOf(from)).isEqualTo(TABLE.get(from));
    }

    @Test
    void deletedIsFinal() {
        Set<JobStatus> reachable = Arrays.stream(JobStatus.values())
                .filter(to -> JobStateMachine.allows(JobStatus.DELETED, to))
                .collect(Collectors.toSet());

        assertThat(reachable).containsExactly(JobStatus.DELETED);
    }

    @Test
    void aRefusedTargetLeavesTheJobWhereItIs() {
        assertThat(JobStateMachine.next(JobStatus.RECEIVED, JobStatus.RUNNING)).isEqualTo(JobStatus.RECEIVED);
        assertThat(JobStateMachine.next(JobStatus.MATCHED, JobStatus.RUNNING)).isEqualTo(JobStatus.RUNNING);
    }
}
