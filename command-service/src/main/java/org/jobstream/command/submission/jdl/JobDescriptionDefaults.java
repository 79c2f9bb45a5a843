package org.jobstream.command.submission.jdl;

import java.util.List;
import java.util.Objects;

/**
 * The per-VO settings DIRAC reads from {@code Operations/<vo>/JobDescription} (and the input
 * data / software distribution modules) when it checks a job description. {@link #DIRAC_DEFAULTS}
 * holds DIRAC's built-in values, which DiracX uses when the configuration is empty.
 *
 * @param inputDataModule set as {@code InputDataModule} when the JDL has none; blank: not set
 * @param softwareDistModule set as {@code SoftwareDistModule} when the JDL has none; blank: not set
 */
public record JobDescriptionDefaults(
        long defaultCpuTime,
        long minCpuTime,
        long maxCpuTime,
        int defaultPriority,
        int minPriority,
        int maxPriority,
        int maxInputData,
        List<String> allowedJobTypes,
        String inputDataModule,
        String softwareDistModule) {

    public static final JobDescriptionDefaults DIRAC_DEFAULTS = new JobDescriptionDefaults(
            86_400, 100, 500_000, 1, 0, 10, 100, List.of("User", "Test", "Hospital"),
            "DIRAC.Core.Utilities.InputDataResolution", "LocalSoftwareDist");

    public JobDescriptionDefaults {
        allowedJobTypes = List.copyOf(allowedJobTypes);
        Objects.requireNonNull(inputDataModule, "inputDataModule");
        Objects.requireNonNull(softwareDistModule, "softwareDistModule");
        if (minCpuTime > maxCpuTime || minPriority > maxPriority || maxInputData < 0) {
            throw new IllegalArgumentException("inconsistent job description limits");
        }
    }

    /** {@code CPUTime} written when the JDL has none: the default, clamped to the limits. */
    long cpuTimeWhenAbsent() {
        return Math.max(minCpuTime, Math.min(defaultCpuTime, maxCpuTime));
    }

    /** {@code Priority} written when the JDL has none: the default, clamped to the limits. */
    int priorityWhenAbsent() {
        return Math.max(minPriority, Math.min(defaultPriority, maxPriority));
    }
}
