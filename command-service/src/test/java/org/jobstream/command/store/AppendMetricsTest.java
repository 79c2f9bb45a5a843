package org.jobstream.command.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class AppendMetricsTest {

    record SubmitJobs(int count) {}

    record JobsSubmitted(int count) {}

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AppendMetrics metrics = new AppendMetrics(registry);

    @Test
    void aCommittedCommandIsTimedAndItsEventsCountedOnlyAfterTheCommit() throws Exception {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(new SubmitJobs(2)));
        metrics.commandTimer().handle(cast(unitOfWork), () -> {
            metrics.eventCounter().handle(List.of(GenericEventMessage.asEventMessage(new JobsSubmitted(1)),
                    GenericEventMessage.asEventMessage(new JobsSubmitted(2))));
            assertThat(registry.find(AppendMetrics.EVENTS).counter()).isNull();
            return null;
        });
        unitOfWork.commit();

        assertThat(registry.get(AppendMetrics.EVENTS).tag("type", "JobsSubmitted").counter().count()).isEqualTo(2);
        assertThat(registry.get(AppendMetrics.COMMANDS).tag("command", "SubmitJobs").tag("outcome", "committed")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void aRolledBackCommandIsTimedAsFailedAndItsEventsAreNotCounted() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(new SubmitJobs(1)));
        var result = unitOfWork.executeWithResult(() -> metrics.commandTimer().handle(cast(unitOfWork), () -> {
            metrics.eventCounter().handle(List.of(GenericEventMessage.asEventMessage(new JobsSubmitted(1))));
            throw new java.sql.SQLException("duplicate key");
        }));

        assertThat(result.isExceptional()).isTrue();

        assertThat(registry.find(AppendMetrics.EVENTS).counter()).isNull();
        assertThat(registry.get(AppendMetrics.COMMANDS).tag("outcome", "failed").timer().count()).isEqualTo(1);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.axonframework.messaging.unitofwork.UnitOfWork<? extends org.axonframework.commandhandling.CommandMessage<?>> cast(
            DefaultUnitOfWork<?> unitOfWork) {
        return (org.axonframework.messaging.unitofwork.UnitOfWork) unitOfWork;
    }
}
