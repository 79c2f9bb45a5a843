package org.jobstream.command.submission.jdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JobManifestTest {

    private static final JobOwner OWNER = new JobOwner("preferred_username", "test_group", "lhcb");
    private static final JobDescriptionDefaults DEFAULTS = JobDescriptionDefaults.DIRAC_DEFAULTS;

    private static PreparedJob prepare(String jdl) {
        return JobManifest.prepare(JdlParser.parse(jdl), OWNER, DEFAULTS);
    }

    private static PreparedJob prepare(String jdl, JobDescriptionDefaults defaults) {
        return JobManifest.prepare(JdlParser.parse(jdl), OWNER, defaults);
    }

    private static JobDescriptionDefaults defaultsWith(long defaultCpuTime, int defaultPriority) {
        return new JobDescriptionDefaults(defaultCpuTime, 100, 500_000, defaultPriority, 0, 10, 100,
                List.of("User", "Test", "Hospital"), "DIRAC.Core.Utilities.InputDataResolution", "LocalSoftwareDist");
    }

    private static String lfns(int count) {
        return IntStream.range(0, count).mapToObj(i -> "/lhcb/f" + i).collect(Collectors.joining(", ", "{", "}"));
    }

    @Nested
    class CompletesTheDescription {

        @Test
        void diracxTestJdlIsStoredSortedWithDefaultsOwnerAndRequirements() {
            PreparedJob job = prepare(JdlParserTest.DIRACX_TEST_JDL).withJobId(17);

            assertThat(job.storedJdl()).isEqualTo("""
                    [
                        Arguments = "jobDescription.xml -o LogLevel=INFO";
                        CPUTime = 86400;
                        Executable = "dirac-jobexec";
                        InputDataModule = "DIRAC.Core.Utilities.InputDataResolution";
                        JobGroup = jobGroup;
                        JobID = 17;
                        JobName = jobName;
                        JobRequirements = [
                            CPUTime = 86400;
                            Owner = "preferred_username";
                            OwnerGroup = "test_group";
                            UserPriority = 1;
                            VirtualOrganization = "lhcb";
                        ];
                        JobType = User;
                        OutputSandbox = {Script1_CodeOutput.log, std.err, std.out};
                        Owner = "preferred_username";
                        OwnerGroup = "test_group";
                        Priority = 1;
                        Site = ANY;
                        SoftwareDistModule = "LocalSoftwareDist";
                        StdError = std.err;
                        StdOutput = std.out;
                        VirtualOrganization = "lhcb";
                    ]""");
        }

        @Test
        void ownerGroupAndVoComeFromTheCallerWhateverTheJdlSays() {
            ClassAd jdl = prepare("Executable = x; owner = \"mallory\"; OwnerGroup = admins;").jdl();

            assertThat(jdl.getString("Owner")).contains("preferred_username");
            assertThat(jdl.names()).contains("Owner").doesNotContain("owner");
            assertThat(jdl.getString("OwnerGroup")).contains("test_group");
            assertThat(jdl.getString("VirtualOrganization")).contains("lhcb");
        }

        @Test
        void requirementsHoldOwnerGroupVoPriorityAndCpuTimeInThatOrder() {
            ClassAd requirements = prepare("Executable = x; Priority = 4; CPUTime = 3600;").jdl()
                    .getClassAd("JobRequirements").orElseThrow();

            assertThat(requirements).isEqualTo(ClassAd.builder()
                    .put("Owner", new JdlString("preferred_username"))
                    .put("OwnerGroup", new JdlString("test_group"))
                    .put("VirtualOrganization", new JdlString("lhcb"))
                    .put("UserPriority", JdlValue.number(4))
                    .put("CPUTime", JdlValue.number(3600))
                    .build());
        }

        @Test
        void absentCpuTimeAndPriorityGetTheDefaults() {
            ClassAd jdl = prepare("Executable = x;").jdl();

            assertThat(jdl.get("CPUTime")).contains(JdlValue.number(86_400));
            assertThat(jdl.get("Priority")).contains(JdlValue.number(1));
        }

        @Test
        void defaultsOutsideTheLimitsAreClamped() {
            ClassAd jdl = prepare("Executable = x;", defaultsWith(50, 99)).jdl();

            assertThat(jdl.getLong("CPUTime")).contains(100L);
            assertThat(jdl.getInt("Priority")).contains(10);
            assertThat(jdl.getClassAd("JobRequirements").flatMap(r -> r.getLong("CPUTime"))).contains(100L);
        }

        @Test
        void explicitValuesOutsideTheLimitsAreKeptAsDiracDoes() {
            PreparedJob job = prepare("Executable = x; CPUTime = 9999999; Priority = 50;");

            assertThat(job.jdl().getLong("CPUTime")).contains(9_999_999L);
            assertThat(job.userPriority()).isEqualTo(50);
            assertThat(job.jdl().getClassAd("JobRequirements").flatMap(r -> r.getLong("CPUTime"))).contains(9_999_999L);
        }

        @Test
        void quotedNumbersAreNumbers() {
            PreparedJob job = prepare("CPUTime = \"1000\"; Priority = \" 2 \";");

            assertThat(job.userPriority()).isEqualTo(2);
            assertThat(job.jdl().getClassAd("JobRequirements").flatMap(r -> r.getLong("CPUTime"))).contains(1000L);
        }

        @Test
        void modulesAreDefaultedOnlyWhenAbsent() {
            ClassAd jdl = prepare("Executable = x; InputDataModule = \"My.Module\";").jdl();

            assertThat(jdl.getString("InputDataModule")).contains("My.Module");
            assertThat(jdl.getString("SoftwareDistModule")).contains("LocalSoftwareDist");
        }

        @Test
        void blankModuleSettingsAreNotWritten() {
            JobDescriptionDefaults noModules = new JobDescriptionDefaults(86_400, 100, 500_000, 1, 0, 10, 100,
                    List.of("User"), "", " ");

            ClassAd jdl = prepare("Executable = x;", noModules).jdl();

            assertThat(jdl.contains("InputDataModule")).isFalse();
            assertThat(jdl.contains("SoftwareDistModule")).isFalse();
        }

        @Test
        void sameVirtualOrganizationIsAccepted() {
            assertThat(prepare("VirtualOrganization = \"lhcb\";").jdl().getString("VirtualOrganization")).contains("lhcb");
        }
    }

    @Nested
    class DerivesJobAttributes {

        @Test
        void defaultsWhenTheJdlSaysNothing() {
            PreparedJob job = prepare("Executable = x;");

            assertThat(job.jobName()).isEqualTo("Unknown");
            assertThat(job.jobType()).isEqualTo("User");
            assertThat(job.jobGroup()).isEqualTo("00000000");
            assertThat(job.site()).isEqualTo("ANY");
            assertThat(job.userPriority()).isEqualTo(1);
            assertThat(job.inputData()).isEmpty();
            assertThat(job.inputSandbox()).isEmpty();
        }

        @Test
        void valuesFromTheJdlWithoutQuotes() {
            PreparedJob job = prepare("JobName = \"my job\"; JobType = Test; JobGroup = \"g1\"; Site = \"LCG.CERN.cern\"; Priority = 7;");

            assertThat(job.jobName()).isEqualTo("my job");
            assertThat(job.jobType()).isEqualTo("Test");
            assertThat(job.jobGroup()).isEqualTo("g1");
            assertThat(job.site()).isEqualTo("LCG.CERN.cern");
            assertThat(job.userPriority()).isEqualTo(7);
        }

        @Test
        void blankValuesFallBackToDefaults() {
            PreparedJob job = prepare("JobName = \"\"; Site = \" \"; JobGroup = {};");

            assertThat(job.jobName()).isEqualTo("Unknown");
            assertThat(job.site()).isEqualTo("ANY");
            assertThat(job.jobGroup()).isEqualTo("00000000");
        }

        @Test
        void severalSitesMeanMultiple() {
            assertThat(prepare("Site = {LCG.A.a, LCG.B.b};").site()).isEqualTo("Multiple");
            assertThat(prepare("Site = \"LCG.A.a,LCG.B.b\";").site()).isEqualTo("Multiple");
            assertThat(prepare("Site = {LCG.A.a};").site()).isEqualTo("LCG.A.a");
        }

        @Test
        void inputDataAndInputSandboxEntries() {
            PreparedJob job = prepare("InputData = {/lhcb/a, \"LFN:/lhcb/b\", \"\"};"
                    + " InputSandbox = {\"SB:SandboxSE|/S3/bucket/user/sha256:abc.tar.zst\", job.xml};");

            assertThat(job.inputData()).containsExactly("/lhcb/a", "LFN:/lhcb/b");
            assertThat(job.inputSandbox()).containsExactly("SB:SandboxSE|/S3/bucket/user/sha256:abc.tar.zst", "job.xml");
        }

        @Test
        void singleInputDataString() {
            assertThat(prepare("InputData = \"/lhcb/a\";").inputData()).containsExactly("/lhcb/a");
        }
    }

    @Nested
    class Refuses {

        @Test
        void cpuTimeThatIsNotANumber() {
            assertThatThrownBy(() -> prepare("CPUTime = abc;"))
                    .isInstanceOf(InvalidJobDescriptionException.class)
                    .hasMessage("CPUTime must be a number");
            assertThatThrownBy(() -> prepare("CPUTime = 1.5;")).hasMessage("CPUTime must be a number");
            assertThatThrownBy(() -> prepare("CPUTime = {1};")).hasMessage("CPUTime must be a number");
        }

        @Test
        void priorityThatIsNotANumber() {
            assertThatThrownBy(() -> prepare("Priority = high;"))
                    .isInstanceOf(InvalidJobDescriptionException.class)
                    .hasMessage("Priority must be a number");
        }

        @Test
        void moreInputDataThanTheLimit() {
            assertThat(prepare("InputData = " + lfns(100) + ";").inputData()).hasSize(100);
            assertThatThrownBy(() -> prepare("InputData = " + lfns(101) + ";"))
                    .isInstanceOf(InvalidJobDescriptionException.class)
                    .hasMessage("Number of Input Data Files (101) greater than current limit: 100");
        }

        @Test
        void jobTypeNotAllowed() {
            assertThatThrownBy(() -> prepare("JobType = Production;"))
                    .isInstanceOf(InvalidJobDescriptionException.class)
                    .hasMessage("Production is not a valid value for JobType");
            assertThatThrownBy(() -> prepare("JobType = {User, MCSimulation};"))
                    .hasMessage("MCSimulation is not a valid value for JobType");
            assertThat(prepare("JobType = {User, Test};").jobType()).isEqualTo("User, Test");
        }

        @Test
        void virtualOrganizationOtherThanTheCallers() {
            assertThatThrownBy(() -> prepare("VirtualOrganization = \"dteam\";"))
                    .isInstanceOf(InvalidJobDescriptionException.class)
                    .hasMessage("Wrong Virtual Organization in JDL");
        }

        @Test
        void cpuTimeIsCheckedBeforeTheVirtualOrganizationAsInDirac() {
            assertThatThrownBy(() -> prepare("VirtualOrganization = dteam; CPUTime = x;"))
                    .hasMessage("CPUTime must be a number");
        }
    }

    @Nested
    class WithJobId {

        @Test
        void setsJobIdAndReplacesPercentJEverywhere() {
            PreparedJob job = prepare("JobName = \"job_%j\"; Arguments = \"-o out_%j.log\"; OutputData = {%j.dst, x};"
                    + " Meta = [ Id = %j ]; InputSandbox = {\"in_%j.txt\"};").withJobId(42);

            assertThat(job.jdl().get("JobID")).contains(JdlValue.number(42));
            assertThat(job.jobName()).isEqualTo("job_42");
            assertThat(job.jdl().getString("Arguments")).contains("-o out_42.log");
            assertThat(job.jdl().get("OutputData")).contains(JdlValue.list(new JdlWord("42.dst"), new JdlWord("x")));
            assertThat(job.jdl().getClassAd("Meta").flatMap(m -> m.get("Id"))).contains(JdlValue.number(42));
            assertThat(job.inputSandbox()).containsExactly("in_42.txt");
        }

        @Test
        void replacesAnExistingJobId() {
            PreparedJob job = prepare("JobID = 3; Executable = x;").withJobId(5);

            assertThat(job.jdl().getLong("JobID")).contains(5L);
            assertThat(job.jdl().names()).first().isEqualTo("JobID");
        }

        @Test
        void storedJdlParsesBackToTheSortedDescription() {
            PreparedJob job = prepare(JdlParserTest.DIRACX_TEST_JDL).withJobId(1);

            assertThat(JdlParser.parse(job.storedJdl())).isEqualTo(job.jdl().sorted());
        }

        @Test
        void refusesNonPositiveIds() {
            PreparedJob job = prepare("Executable = x;");

            assertThatThrownBy(() -> job.withJobId(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
