package org.jobstream.command.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jobstream.access.Caller;
import org.jobstream.access.SandboxPfn;
import org.jobstream.api.ApiHeaders;
import org.jobstream.api.IdempotencyKey;
import org.jobstream.api.InsertedJob;
import org.jobstream.command.access.Now;
import org.jobstream.command.submission.jdl.ClassAd;
import org.jobstream.command.submission.jdl.JdlException;
import org.jobstream.command.submission.jdl.JdlParser;
import org.jobstream.command.submission.jdl.JobDescriptionDefaults;
import org.jobstream.command.submission.jdl.JobManifest;
import org.jobstream.command.submission.jdl.JobOwner;
import org.jobstream.command.submission.jdl.ParametricJobs;
import org.jobstream.command.submission.jdl.PreparedJob;
import org.jobstream.commands.SubmissionKey;
import org.jobstream.commands.SubmitJob;
import org.jobstream.commands.SubmitJobs;
import org.jobstream.errors.Conflict;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.Refused;
import org.jobstream.events.JobAttribute;
import org.jobstream.events.JobStatus;
import org.jobstream.store.SubmissionKeys;
import org.jobstream.store.SubmissionKeys.Claim;
import org.jobstream.store.SubmissionKeys.Remembered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Job submission as DiracX does it: parse every JDL, expand a single parametric one, check each
 * description, allocate the job IDs, then create every job in one unit of work. All or nothing: a
 * request with one bad JDL creates no job.
 *
 * <p>With an idempotency key, a request is made at most once: the key is recorded with the jobs'
 * events, in their transaction (see {@link SubmissionKeys}), and a request whose key is already
 * recorded is answered from the record, never with new jobs. A retry after any failure, a crash
 * included, finds either the jobs and their key or neither.
 */
@Service
public class JobSubmission {

    private static final Logger log = LoggerFactory.getLogger(JobSubmission.class);

    /** The most jobs one request may create (DiracX's {@code MAX_PARAMETRIC_JOBS}). */
    public static final int MAX_JOBS_PER_REQUEST = 20;
    static final String ACCEPTED = "Job accepted";
    static final String BULK_CONFIRMATION = "Bulk transaction confirmation";

    private final CommandGateway commands;
    private final JobIdAllocator jobIds;
    private final SubmissionKeys keys;
    private final JobDescriptionDefaults defaults = JobDescriptionDefaults.DIRAC_DEFAULTS;

    JobSubmission(CommandGateway commands, JobIdAllocator jobIds, SubmissionKeys keys) {
        this.commands = commands;
        this.jobIds = jobIds;
        this.keys = keys;
    }

    /**
     * A submission's answer: the jobs, and whether they were created by an earlier request with the
     * same idempotency key (then this request created nothing).
     */
    public record Submitted(List<InsertedJob> jobs, boolean replayed) {
    }

    /**
     * Submits the jobs of {@code jdls} for the caller, at most once per idempotency key.
     *
     * @throws Invalid   ({@code 422}) when the key was used by the caller for another request
     * @throws Conflict  ({@code 409}) when a request with the key is still being made
     * @throws Refused   ({@code 400}) when a JDL is refused
     */
    public Submitted submit(Caller caller, List<String> jdls, Optional<IdempotencyKey> idempotencyKey) {
        Optional<SubmissionKey> key = idempotencyKey.map(k -> new SubmissionKey(caller.username(), caller.vo(), k,
                SubmissionFingerprint.of(caller.group(), jdls)));
        if (key.isPresent()) {
            Optional<Remembered> earlier = remembered(key.get());
            if (earlier.isPresent()) {
                return replay(key.get(), earlier.get());
            }
        }
        if (jdls.isEmpty()) {
            throw new Refused("No JDL given: the body must be a list of at least one JDL");
        }
        if (jdls.size() > MAX_JOBS_PER_REQUEST) {
            throw tooMany();
        }
        List<ClassAd> descriptions = parseAll(jdls);
        boolean parametric = descriptions.size() == 1 && vectorLength(descriptions.get(0), 0) > 0;
        if (parametric) {
            int count = vectorLength(descriptions.get(0), 0);
            if (count > MAX_JOBS_PER_REQUEST) {
                throw tooMany();
            }
            descriptions = expand(descriptions.get(0));
        } else if (descriptions.size() > 1) {
            for (int i = 0; i < descriptions.size(); i++) {
                if (vectorLength(descriptions.get(i), i) > 0) {
                    throw new Refused("You cannot submit parametric jobs in a bulk fashion");
                }
            }
        }
        JobOwner owner = new JobOwner(caller.username(), caller.group(), caller.vo());
        List<PreparedJob> prepared = new ArrayList<>();
        for (int i = 0; i < descriptions.size(); i++) {
            prepared.add(prepare(descriptions.get(i), owner, parametric ? 0 : i));
        }

        JobStatus status = parametric ? JobStatus.SUBMITTING : JobStatus.RECEIVED;
        String minorStatus = parametric ? BULK_CONFIRMATION : ACCEPTED;
        Instant now = Now.micros();
        List<Long> ids = jobIds.allocate(prepared.size());
        List<SubmitJob> submissions = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            PreparedJob job = prepared.get(i).withJobId(ids.get(i));
            submissions.add(new SubmitJob(ids.get(i), caller.username(), caller.group(), caller.vo(),
                    job.jobName(), job.jobType(), job.jobGroup(), job.site(), job.userPriority(),
                    status, minorStatus, now, job.storedJdl(), sandboxes(i, job.inputSandbox()), job.inputData()));
        }
        Claim claim = commands.sendAndWait(new SubmitJobs(submissions, key.orElse(null)));
        return switch (claim) {
            case CLAIMED -> new Submitted(answer(ids, status, minorStatus, now), false);
            case IN_PROGRESS -> throw inProgress();
            // Recorded by a request that committed after this one looked (or by this request's own
            // attempt whose commit the service did not hear of): its jobs are the answer.
            case TAKEN -> replay(key.orElseThrow(), remembered(key.orElseThrow()).orElseThrow(JobSubmission::inProgress));
        };
    }

    private Optional<Remembered> remembered(SubmissionKey key) {
        return keys.find(key.owner(), key.vo(), key.key().value());
    }

    /** The earlier answer to the key, if this request is the one it was for. */
    private Submitted replay(SubmissionKey key, Remembered earlier) {
        if (!earlier.fingerprint().equals(key.fingerprint())) {
            throw Invalid.at("header", ApiHeaders.IDEMPOTENCY_KEY, "This key was already used for a different request"
                    + " (a key is remembered for " + readable(keys.keep()) + " after its submission)", key.key().value());
        }
        log.debug("Submission with key {} of {}/{} answered again: jobs {}", key.key(), key.owner(), key.vo(), earlier.jobIds());
        return new Submitted(answer(earlier.jobIds(), earlier.status(), earlier.minorStatus(), earlier.submittedAt()), true);
    }

    private static List<InsertedJob> answer(List<Long> ids, JobStatus status, String minorStatus, Instant time) {
        return ids.stream().map(id -> new InsertedJob(id, status, minorStatus, time)).toList();
    }

    private static Conflict inProgress() {
        return new Conflict("A request with this " + ApiHeaders.IDEMPOTENCY_KEY
                + " is still being processed; retry it once that one is answered");
    }

    private static String readable(Duration keep) {
        return keep.toMinutesPart() == 0 && keep.toSecondsPart() == 0 ? keep.toHours() + " hours"
                : keep.toSeconds() + " seconds";
    }

    private static List<ClassAd> parseAll(List<String> jdls) {
        List<ClassAd> descriptions = new ArrayList<>();
        for (int i = 0; i < jdls.size(); i++) {
            String jdl = jdls.get(i);
            if (jdl == null) {
                throw new Refused("JDL syntax error in JDL " + i + ": the JDL is null");
            }
            if (jdl.indexOf('\u0000') >= 0) {
                throw new Refused("JDL syntax error in JDL " + i + ": it contains a NUL character");
            }
            try {
                descriptions.add(JdlParser.parse(jdl));
            } catch (JdlException e) {
                throw invalid(i, e);
            }
        }
        return descriptions;
    }

    private static int vectorLength(ClassAd description, int index) {
        try {
            return ParametricJobs.vectorLength(description);
        } catch (JdlException e) {
            throw invalid(index, e);
        }
    }

    private static List<ClassAd> expand(ClassAd description) {
        try {
            return ParametricJobs.expand(description);
        } catch (JdlException e) {
            throw invalid(0, e);
        }
    }

    private PreparedJob prepare(ClassAd description, JobOwner owner, int index) {
        PreparedJob job;
        try {
            job = JobManifest.prepare(description, owner, defaults);
        } catch (JdlException e) {
            throw invalid(index, e);
        }
        checkWidth(index, JobAttribute.JOB_NAME, job.jobName());
        checkWidth(index, JobAttribute.JOB_GROUP, job.jobGroup());
        checkWidth(index, JobAttribute.JOB_TYPE, job.jobType());
        checkWidth(index, JobAttribute.SITE, job.site());
        sandboxes(index, job.inputSandbox());
        return job;
    }

    /** DiracX's column widths: a longer value would be refused by its database, and by our read model. */
    private static void checkWidth(int index, JobAttribute attribute, String value) {
        if (value.length() > attribute.maxLength()) {
            throw new Refused("JDL syntax error in JDL " + index + ": " + attribute + " is longer than "
                    + attribute.maxLength() + " characters");
        }
    }

    /**
     * The input sandboxes the job names that live in the sandbox store ({@code SB:...} references),
     * each a valid sandbox PFN: the job's sandbox mappings and their access checks depend on it.
     */
    private static List<String> sandboxes(int index, List<String> inputSandbox) {
        List<String> references = inputSandbox.stream().filter(entry -> entry.startsWith("SB:")).toList();
        for (String reference : references) {
            if (SandboxPfn.tryParse(reference).isEmpty()) {
                throw new Refused("JDL syntax error in JDL " + index + ": the InputSandbox entry '"
                        + abbreviated(reference) + "' is not a sandbox reference (" + SandboxPfn.PATTERN
                        + ", at most " + SandboxPfn.MAX_LENGTH + " characters)");
            }
        }
        return references;
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static Refused tooMany() {
        return new Refused("Normal user cannot submit more than " + MAX_JOBS_PER_REQUEST + " jobs at once");
    }

    private static Refused invalid(int index, JdlException e) {
        return new Refused("JDL syntax error in JDL " + index + ": " + e.getMessage());
    }
}
