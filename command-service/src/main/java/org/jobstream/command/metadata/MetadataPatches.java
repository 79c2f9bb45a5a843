package org.jobstream.command.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jobstream.access.Caller;
import org.jobstream.access.WmsAction;
import org.jobstream.command.access.JobAccess;
import org.jobstream.command.access.Now;
import org.jobstream.command.access.RequestIds;
import org.jobstream.command.access.StorableText;
import org.jobstream.command.job.InvalidJobUpdateException;
import org.jobstream.commands.PatchJobMetadata;
import org.jobstream.commands.PatchJobsMetadata;
import org.jobstream.errors.NotFound;
import org.jobstream.errors.Refused;
import org.jobstream.events.JobAttribute;
import org.springframework.stereotype.Service;

/**
 * {@code PATCH /api/jobs/metadata}: each key a job attribute (checked against its type) or else a
 * job parameter; all jobs of the request in one transaction.
 */
@Service
public class MetadataPatches {

    private final CommandGateway commands;
    private final JobAccess access;
    private final ObjectMapper mapper;

    MetadataPatches(CommandGateway commands, JobAccess access, ObjectMapper mapper) {
        this.commands = commands;
        this.access = access;
        this.mapper = mapper;
    }

    public void patch(Caller caller, Map<String, Map<String, Object>> body) {
        Map<Long, Map<String, Object>> byJob = RequestIds.byJobId(body);
        Set<Long> found = access.check(caller, WmsAction.MANAGE, byJob.keySet());
        Set<Long> unknown = new TreeSet<>(byJob.keySet());
        unknown.removeAll(found);
        if (!unknown.isEmpty()) {
            throw new NotFound("Unknown job IDs: " + unknown);
        }
        if (byJob.isEmpty()) {
            return;
        }
        Instant now = Now.micros();
        List<PatchJobMetadata> patches = new ArrayList<>();
        byJob.forEach((jobId, values) -> patches.add(patch(jobId, values == null ? Map.of() : values, now)));
        try {
            commands.sendAndWait(new PatchJobsMetadata(patches));
        } catch (InvalidJobUpdateException e) {
            throw new Refused(e.getMessage());
        }
    }

    private PatchJobMetadata patch(long jobId, Map<String, Object> values, Instant now) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String name = attributeName(key);
            if (JobAttribute.fromWireName(name).isPresent()) {
                attributes.put(name, value instanceof String text ? StorableText.check(name, text) : value);
            } else {
                parameters.put(StorableText.parameterName(key), StorableText.check(key, text(key, value)));
            }
        });
        return new PatchJobMetadata(jobId, attributes, parameters, now);
    }

    /** DiracX also accepts the snake_case names of attributes ({@code user_priority}). */
    static String attributeName(String key) {
        if (!key.contains("_") && !key.equals(key.toLowerCase())) {
            return key;
        }
        StringBuilder pascal = new StringBuilder();
        for (String part : key.split("_")) {
            if (!part.isEmpty()) {
                pascal.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String name = pascal.toString();
        return switch (name) {
            case "JobId" -> JobAttribute.JOB_ID.wireName();
            case "Vo" -> JobAttribute.VO.wireName();
            default -> name;
        };
    }

    private String text(String key, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        try {
            return value instanceof Number || value instanceof Boolean ? value.toString() : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new Refused("Job parameter " + key + " is not valid JSON");
        }
    }
}
