package org.jobstream.command.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionFingerprintTest {

    private static final String ECHO = "Executable = \"echo\";";

    @Test
    void theSameJdlsFromTheSameGroupHaveTheSameFingerprint() {
        assertThat(SubmissionFingerprint.of("lhcb_user", List.of(ECHO, "Executable = \"ls\";")))
                .isEqualTo(SubmissionFingerprint.of("lhcb_user", List.of(ECHO, "Executable = \"ls\";")))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void anyChangeOfTheJdlsTheirOrderOrNumberChangesIt() {
        String one = SubmissionFingerprint.of("lhcb_user", List.of(ECHO, "Executable = \"ls\";"));

        assertThat(List.of(
                SubmissionFingerprint.of("lhcb_user", List.of("Executable = \"ls\";", ECHO)),
                SubmissionFingerprint.of("lhcb_user", List.of(ECHO)),
                SubmissionFingerprint.of("lhcb_user", List.of(ECHO, "Executable = \"ls\"; ")),
                SubmissionFingerprint.of("lhcb_user", List.of(ECHO, "Executable = \"ls\";", ECHO))))
                .doesNotContain(one).doesNotHaveDuplicates();
    }

    @Test
    void theCallersGroupIsPartOfItBecauseItBecomesTheJobsOwnerGroup() {
        assertThat(SubmissionFingerprint.of("lhcb_prod", List.of(ECHO)))
                .isNotEqualTo(SubmissionFingerprint.of("lhcb_user", List.of(ECHO)));
    }

    @Test
    void partsAreDelimitedSoNoTwoListsShareAnEncoding() {
        assertThat(SubmissionFingerprint.of("g", List.of("ab", "c")))
                .isNotEqualTo(SubmissionFingerprint.of("g", List.of("a", "bc")))
                .isNotEqualTo(SubmissionFingerprint.of("g", List.of("abc")));
        assertThat(SubmissionFingerprint.of("g", List.of("a")))
                .isNotEqualTo(SubmissionFingerprint.of("ga", List.of()));
        assertThat(SubmissionFingerprint.of("g", Arrays.asList((String) null)))
                .isNotEqualTo(SubmissionFingerprint.of("g", List.of("")));
    }
}
