package org.jobstream.command.heartbeat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAction;
import org.jobstream.api.HeartbeatData;
import org.jobstream.api.JobCommand;
import org.jobstream.command.access.JobAccess;
import org.jobstream.command.access.Now;
import org.jobstream.command.access.PerJob;
import org.jobstream.command.access.RequestIds;
import org.jobstream.command.access.StorableText;
import org.jobstream.command.job.HeartbeatFields;
import org.jobstream.command.job.InvalidJobUpdateException;
import org.jobstream.command.job.JobOutcome;
import org.jobstream.commands.RecordHeartbeat;
import org.jobstream.commands.RecordHeartbeats;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@code PATCH /api/jobs/heartbeat}: records the heartbeats of all jobs of the request in one unit of
 * work (one transaction) and answers the job commands waiting for those jobs, each delivered once.
 */
@Service
public class Heartbeats {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final CommandGateway commands;
    private final JobAccess access;
    /** Heartbeats refuse unknown fields (DiracX's model forbids extras), unlike the rest of the API. */
    private final ObjectMapper strict;

    Heartbeats(CommandGateway commands, JobAccess access, ObjectMapper mapper) {
        this.commands = commands;
        this.access = access;
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }

    private HeartbeatData read(long jobId, Map<String, Object> values) {
        try {
            HeartbeatData data = strict.convertValue(values == null ? Map.of() : values, HeartbeatData.class);
            data.values().forEach((name, value) -> {
                if (value.equals("Infinity") || value.equals("-Infinity") || value.equals("NaN")) {
                    throw new Invalid("Invalid heartbeat of job " + jobId + ": " + name + " must be a finite number");
                }
                StorableText.check(name, value);
            });
            HeartbeatFields.parameters(data.values());
            return data;
        } catch (InvalidJobUpdateException e) {
            throw new Invalid("Invalid heartbeat of job " + jobId + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new Invalid("Invalid heartbeat of job " + jobId + ": " + cause.getMessage().split("\\n")[0]);
        }
    }

    public List<JobCommand> record(Caller caller, Map<String, Map<String, Object>> body) {
        Map<Long, HeartbeatData> beats = new java.util.LinkedHashMap<>();
        RequestIds.byJobId(body).forEach((id, values) -> beats.put(id, read(id, values)));
        Set<Long> found = access.check(caller, WmsAction.PILOT, beats.keySet());
        Set<Long> unknown = new TreeSet<>(beats.keySet());
        unknown.removeAll(found);
        if (!unknown.isEmpty()) {
            throw new NotFound("Unknown job IDs: " + unknown);
        }
        if (beats.isEmpty()) {
            return List.of();
        }
        Instant now = Now.micros();
        List<JobCommand> delivered = new ArrayList<>();
        Map<Long, JobOutcome<List<JobCommand>>> outcomes = PerJob.sendBatch(commands, new RecordHeartbeats(
                beats.keySet().stream().map(id -> new RecordHeartbeat(id,
                        beats.get(id) == null ? Map.of() : beats.get(id).values(), now)).toList()), "The heartbeats");
        outcomes.forEach((id, outcome) -> {
            if (outcome.succeeded()) {
                delivered.addAll(outcome.result());
            } else {
                // The others' heartbeats (and the commands they took) stand: never lose a delivery.
                log.error("Heartbeat of job {} failed", id, outcome.failure());
            }
        });
        return delivered;
    }
}
