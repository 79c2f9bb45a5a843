package org.jobstream.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import org.jobstream.infra.bench.report.BenchReport.ComponentUse;
import org.jobstream.infra.bench.report.BenchReport.PhaseResources;
import org.junit.jupiter.api.Test;

class ResourceSamplerTest {

    @Test
    void measuresTheCpuAndMemoryOfAProcessDuringAPhase() throws Exception {
        try (ResourceSampler sampler = new ResourceSampler(Map.of("this-jvm", ProcessHandle.current().pid()))) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long spinCpuNanos = sampler.during("spin", () -> {
                long before = threads.getCurrentThreadCpuTime();
                long end = System.nanoTime() + 300_000_000L;
                long sum = 0;
                while (System.nanoTime() < end) {
                    sum += System.nanoTime() % 7;
                }
                assertThat(sum).isNotNegative();
                return threads.getCurrentThreadCpuTime() - before;
            });
            List<PhaseResources> phases = sampler.phases();
            assertThat(phases).singleElement().satisfies(phase -> {
                assertThat(phase.phase()).isEqualTo("spin");
                assertThat(phase.seconds()).isGreaterThanOrEqualTo(0.3);
                ComponentUse use = phase.components().get(0);
                assertThat(use.component()).isEqualTo("this-jvm");
                // the process used at least the CPU time of the spinning thread (less a clock tick or two)
                assertThat(use.cpuCores() * phase.seconds()).isGreaterThan(spinCpuNanos / 1e9 - 0.02);
                assertThat(use.rssMegabytes()).isGreaterThan(10);
            });
        }
    }

    @Test
    void aProcessThatIsGoneUsesNothing() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (ResourceSampler sampler = new ResourceSampler(Map.of("gone", gone.pid()))) {
            sampler.during("idle", () -> null);
            assertThat(sampler.phases().get(0).components())
                    .containsExactly(new ComponentUse("gone", 0.0, 0.0));
        }
    }
}
