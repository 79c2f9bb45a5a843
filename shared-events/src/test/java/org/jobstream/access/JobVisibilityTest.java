package org.jobstream.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class JobVisibilityTest {

    private final Caller alice = new Caller("sub", "alice", "lhcb", "lhcb_user", Set.of(SecurityProperty.NORMAL_USER));
    private final Caller admin = new Caller("sub", "root", "lhcb", "admins", Set.of(SecurityProperty.JOB_ADMINISTRATOR));

    @Test
    void aUserSeesOnlyTheirOwnJobsOfTheirVo() {
        JobVisibility visibility = JobVisibility.of(alice, Set.of());

        assertThat(visibility.sees("alice", "lhcb")).isTrue();
        assertThat(visibility.sees("bob", "lhcb")).isFalse();
        assertThat(visibility.sees("alice", "atlas")).isFalse();
    }

    @Test
    void aVoSharingJobInformationShowsItsMembersEachOthersJobsButNoOtherVos() {
        JobVisibility visibility = JobVisibility.of(alice, Set.of("lhcb"));

        assertThat(visibility.sees("bob", "lhcb")).isTrue();
        assertThat(visibility.sees("bob", "atlas")).isFalse();
    }

    @Test
    void anAdministratorSeesEveryJob() {
        JobVisibility visibility = JobVisibility.of(admin, Set.of());

        assertThat(visibility.unrestricted()).isTrue();
        assertThat(visibility.sees("bob", "atlas")).isTrue();
    }
}
