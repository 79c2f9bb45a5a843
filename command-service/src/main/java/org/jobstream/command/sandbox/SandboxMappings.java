package org.jobstream.command.sandbox;

import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jobstream.access.Caller;
import org.jobstream.access.SandboxPfn;
import org.jobstream.access.WmsAction;
import org.jobstream.command.access.JobAccess;
import org.jobstream.command.access.Now;
import org.jobstream.command.access.PerJob;
import org.jobstream.command.job.InvalidJobUpdateException;
import org.jobstream.commands.AssignOutputSandbox;
import org.jobstream.commands.UnassignSandboxes;
import org.jobstream.errors.NotFound;
import org.jobstream.errors.Refused;
import org.springframework.stereotype.Service;

/**
 * Which sandboxes a job uses: output sandbox assignment and unassignment, as commands on the job
 * (input sandboxes come with the submission). The WMS policy decides on the job; a sandbox may be
 * assigned once it is registered (its upload initiated), as in DiracX.
 */
@Service
class SandboxMappings {

    private final CommandGateway commands;
    private final JobAccess access;
    private final Sandboxes sandboxes;

    SandboxMappings(CommandGateway commands, JobAccess access, Sandboxes sandboxes) {
        this.commands = commands;
        this.access = access;
        this.sandboxes = sandboxes;
    }

    void assignOutput(Caller caller, long jobId, SandboxPfn pfn) {
        Set<Long> found = access.check(caller, WmsAction.MANAGE, List.of(jobId));
        if (found.isEmpty()) {
            throw new NotFound("Job " + jobId + " not found");
        }
        if (!sandboxes.registered(pfn)) {
            throw new Refused("Sandbox not found");
        }
        try {
            commands.sendAndWait(new AssignOutputSandbox(jobId, pfn.shortForm(), Now.micros()));
        } catch (InvalidJobUpdateException e) {
            throw new Refused(e.getMessage());
        }
    }

    /** Unassigns every sandbox of the jobs that exist; unknown jobs (for those allowed to name them) are skipped. */
    void unassign(Caller caller, List<Long> jobIds) {
        Set<Long> found = access.check(caller, WmsAction.MANAGE, jobIds);
        PerJob.<Object>dispatch(found, id -> commands.send(new UnassignSandboxes(id, Now.micros())))
                .forEach((id, outcome) -> {
                    if (!outcome.succeeded()) {
                        throw new IllegalStateException("Unassigning the sandboxes of job " + id + " failed",
                                outcome.failure());
                    }
                });
    }
}
