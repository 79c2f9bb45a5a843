package org.jobstream.command.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jobstream.access.Caller;
import org.jobstream.access.JobOwnership;
import org.jobstream.access.WmsAccessPolicy;
import org.jobstream.access.WmsAction;
import org.jobstream.events.cloud.JobEventCodec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks the WMS access policy for the jobs a command names, with their ownership read from the
 * event store itself (each job's first event, {@code JobSubmitted}, names its owner and VO): always
 * up to date, no read model to wait for.
 */
@Component
public class JobAccess {

    private final JdbcClient jdbc;
    private final ObjectMapper mapper = JobEventCodec.defaultMapper();

    JobAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @return the requested jobs that exist (the caller may act on them)
     * @throws org.jobstream.access.AccessDeniedException when the policy refuses
     */
    public Set<Long> check(Caller caller, WmsAction action, Collection<Long> jobIds) {
        Set<Long> requested = Set.copyOf(jobIds);
        List<JobOwnership> found = ownership(requested);
        WmsAccessPolicy.checkJobs(caller, action, requested, found);
        return found.stream().map(JobOwnership::jobId).collect(Collectors.toUnmodifiableSet());
    }

    private List<JobOwnership> ownership(Set<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT aggregateidentifier, payload FROM domainevententry
                 WHERE aggregateidentifier = ANY (:ids) AND sequencenumber = 0
                """)
                .param("ids", jobIds.stream().map(String::valueOf).toArray(String[]::new))
                .query((rs, n) -> {
                    JsonNode submitted = read(rs.getBytes(2));
                    return new JobOwnership(Long.parseLong(rs.getString(1)), submitted.path("owner").asText(),
                            submitted.path("vo").asText());
                })
                .list();
    }

    private JsonNode read(byte[] payload) {
        try {
            return mapper.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable JobSubmitted payload", e);
        }
    }
}
