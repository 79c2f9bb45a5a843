package org.jobstream.command.submission.jdl;

import java.util.Objects;

/**
 * Checks one job description and completes it for storage, reproducing what DiracX does per job
 * at submission (reference §4.1.1 step 5, DIRAC's {@code JobManifest.check},
 * {@code checkAndPrepareJob} and {@code createJDLWithInitialStatus}). Pure: no I/O, no clock.
 *
 * <p>Rules, in DIRAC's order:
 * <ol>
 *   <li>{@code CPUTime}: must be an integer if present; if absent, the default clamped to
 *       [min, max] is written. An explicit out-of-range value is kept (DIRAC's clamp only
 *       applies to the default).</li>
 *   <li>{@code Priority}: the same, with the priority default and limits.</li>
 *   <li>{@code InputData}: at most {@code maxInputData} entries.</li>
 *   <li>{@code JobType}: every entry must be an allowed job type.</li>
 *   <li>{@code VirtualOrganization}: if present, must be the caller's.</li>
 *   <li>{@code Owner}, {@code OwnerGroup}, {@code VirtualOrganization} are set from the caller;
 *       {@code InputDataModule} and {@code SoftwareDistModule} get defaults if absent;
 *       {@code JobRequirements = [Owner; OwnerGroup; VirtualOrganization; UserPriority;
 *       CPUTime]} is added.</li>
 * </ol>
 */
public final class JobManifest {

    private JobManifest() {
    }

    /**
     * Checks and completes {@code job} (one job, already expanded if it was parametric).
     *
     * @throws InvalidJobDescriptionException when a rule above is broken
     */
    public static PreparedJob prepare(ClassAd job, JobOwner owner, JobDescriptionDefaults defaults) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(defaults, "defaults");

        ClassAd ad = job;
        if (ad.contains("CPUTime")) {
            requireNumber(ad.getLong("CPUTime").isPresent(), "CPUTime");
        } else {
            ad = ad.withNumber("CPUTime", defaults.cpuTimeWhenAbsent());
        }
        if (ad.contains("Priority")) {
            requireNumber(ad.getInt("Priority").isPresent(), "Priority");
        } else {
            ad = ad.withNumber("Priority", defaults.priorityWhenAbsent());
        }
        checkInputData(ad, defaults.maxInputData());
        checkJobTypes(ad, defaults);
        checkVirtualOrganization(ad, owner.vo());

        ad = ad.withString("Owner", owner.owner())
                .withString("OwnerGroup", owner.ownerGroup())
                .withString("VirtualOrganization", owner.vo());
        ad = withDefault(ad, "InputDataModule", defaults.inputDataModule());
        ad = withDefault(ad, "SoftwareDistModule", defaults.softwareDistModule());
        ad = ad.with("JobRequirements", new JdlNested(requirements(ad, owner, defaults)));
        return PreparedJob.of(ad);
    }

    private static void requireNumber(boolean isNumber, String name) {
        if (!isNumber) {
            throw new InvalidJobDescriptionException(name + " must be a number");
        }
    }

    private static void checkInputData(ClassAd ad, int maxInputData) {
        int count = ad.getList("InputData").size();
        if (count > maxInputData) {
            throw new InvalidJobDescriptionException("Number of Input Data Files (" + count
                    + ") greater than current limit: " + maxInputData);
        }
    }

    private static void checkJobTypes(ClassAd ad, JobDescriptionDefaults defaults) {
        for (String jobType : ad.getList("JobType")) {
            if (!defaults.allowedJobTypes().contains(jobType)) {
                throw new InvalidJobDescriptionException(jobType + " is not a valid value for JobType");
            }
        }
    }

    private static void checkVirtualOrganization(ClassAd ad, String vo) {
        String jdlVo = ad.get("VirtualOrganization").map(JdlValue::asText).orElse("");
        if (!jdlVo.isEmpty() && !jdlVo.equals(vo)) {
            throw new InvalidJobDescriptionException("Wrong Virtual Organization in JDL");
        }
    }

    private static ClassAd withDefault(ClassAd ad, String name, String value) {
        return ad.contains(name) || value.isBlank() ? ad : ad.withString(name, value);
    }

    private static ClassAd requirements(ClassAd ad, JobOwner owner, JobDescriptionDefaults defaults) {
        return ClassAd.builder()
                .put("Owner", new JdlString(owner.owner()))
                .put("OwnerGroup", new JdlString(owner.ownerGroup()))
                .put("VirtualOrganization", new JdlString(owner.vo()))
                .put("UserPriority", JdlValue.number(ad.getInt("Priority").orElse(0)))
                .put("CPUTime", JdlValue.number(ad.getLong("CPUTime").orElse(defaults.defaultCpuTime())))
                .build();
    }
}
