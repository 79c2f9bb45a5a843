package org.jobstream.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sandbox policy, rule by rule (DiracX's test_sandbox_access_policy_create/_read, and the 403s it implies). */
class SandboxAccessPolicyTest {

    private static final String BUCKET = "sandboxes";
    private static final String CHECKSUM = "55967b0c430058c3105472b1edae6c8987c65bcf01ef58f10a3f5e93948782d8";

    private static Caller caller(String username, String group, String vo, String... properties) {
        return new Caller(vo + ":" + username, username, vo, group, Set.of(properties));
    }

    private static final Caller NORMAL = caller("alice", "lhcb_user", "lhcb", SecurityProperty.NORMAL_USER);
    private static final Caller ADMIN = caller("root", "lhcb_admin", "lhcb", SecurityProperty.JOB_ADMINISTRATOR);
    private static final Caller NOBODY = caller("weird", "lhcb_user", "lhcb");
    private static final Caller PILOT = caller("pilot", "lhcb_pilot", "lhcb", SecurityProperty.GENERIC_PILOT);

    private static SandboxPfn sandboxOf(String username, String group, String vo) {
        return SandboxPfn.of(BUCKET, vo, group, username, CHECKSUM, "tar.bz2");
    }

    private static final SandboxPfn ALICES = sandboxOf("alice", "lhcb_user", "lhcb");

    @Test
    void aNormalUserMayInitiateAnUpload() {
        assertThatCode(() -> SandboxAccessPolicy.checkCreate(NORMAL)).doesNotThrowAnyException();
    }

    @Test
    void anAdministratorWithoutNormalUserMayNotInitiateAnUpload() {
        assertThatThrownBy(() -> SandboxAccessPolicy.checkCreate(ADMIN))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Forbidden");
    }

    @Test
    void aCallerWithoutPropertiesOrOnlyAPilotMayNotInitiateAnUpload() {
        assertThatThrownBy(() -> SandboxAccessPolicy.checkCreate(NOBODY)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> SandboxAccessPolicy.checkCreate(PILOT)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anAdministratorWhoIsAlsoANormalUserMayInitiateAnUpload() {
        Caller both = caller("root", "lhcb_admin", "lhcb", SecurityProperty.JOB_ADMINISTRATOR, SecurityProperty.NORMAL_USER);

        assertThatCode(() -> SandboxAccessPolicy.checkCreate(both)).doesNotThrowAnyException();
    }

    @Test
    void aNormalUserMayReadTheirOwnStoredSandbox() {
        assertThatCode(() -> SandboxAccessPolicy.checkRead(NORMAL, BUCKET, ALICES, true)).doesNotThrowAnyException();
    }

    @Test
    void anAdministratorMayReadAnySandboxStoredOrNot() {
        assertThatCode(() -> SandboxAccessPolicy.checkRead(ADMIN, BUCKET, ALICES, true)).doesNotThrowAnyException();
        assertThatCode(() -> SandboxAccessPolicy.checkRead(ADMIN, BUCKET, ALICES, false)).doesNotThrowAnyException();
        assertThatCode(() -> SandboxAccessPolicy.checkRead(ADMIN, BUCKET, sandboxOf("bob", "gridpp_user", "gridpp"), false))
                .doesNotThrowAnyException();
    }

    @Test
    void anotherUsersSandboxIsRefusedWithTheRequiredPrefix() {
        Caller bob = caller("bob", "lhcb_user", "lhcb", SecurityProperty.NORMAL_USER);

        assertThatThrownBy(() -> SandboxAccessPolicy.checkRead(bob, BUCKET, ALICES, true))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("Invalid PFN. PFN must start with /S3/sandboxes/lhcb/lhcb_user/bob/");
    }

    @Test
    void theOwnersSandboxUploadedUnderAnotherGroupIsRefused() {
        Caller aliceAsProduction = caller("alice", "lhcb_prod", "lhcb", SecurityProperty.NORMAL_USER);

        assertThatThrownBy(() -> SandboxAccessPolicy.checkRead(aliceAsProduction, BUCKET, ALICES, true))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("Invalid PFN. PFN must start with /S3/sandboxes/lhcb/lhcb_prod/alice/");
    }

    @Test
    void theSameNameInAnotherVoIsRefused() {
        Caller aliceOfGridpp = caller("alice", "lhcb_user", "gridpp", SecurityProperty.NORMAL_USER);

        assertThatThrownBy(() -> SandboxAccessPolicy.checkRead(aliceOfGridpp, BUCKET, ALICES, true))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageStartingWith("Invalid PFN.");
    }

    @Test
    void aSandboxOfAnotherBucketIsRefused() {
        SandboxPfn elsewhere = SandboxPfn.of("other-bucket", "lhcb", "lhcb_user", "alice", CHECKSUM, "tar.bz2");

        assertThatThrownBy(() -> SandboxAccessPolicy.checkRead(NORMAL, BUCKET, elsewhere, true))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("Invalid PFN. PFN must start with /S3/sandboxes/lhcb/lhcb_user/alice/");
    }

    @Test
    void aUserWhoseNameIsAPrefixOfTheOwnersIsRefused() {
        Caller al = caller("al", "lhcb_user", "lhcb", SecurityProperty.NORMAL_USER);

        assertThatThrownBy(() -> SandboxAccessPolicy.checkRead(al, BUCKET, ALICES, true))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageStartingWith("Invalid PFN.");
    }

    @Test
    void aSandboxUnderTheOwnPrefixThatIsNotStoredIsRefusedAsNotOwned() {
        assertThatThrownBy(() -> SandboxAccessPolicy.checkRead(NORMAL, BUCKET, ALICES, false))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("alice is not the owner of the sandbox");
    }

    @Test
    void aCallerWithoutNormalUserMayReadNothing() {
        Caller aliceWithoutProperties = caller("alice", "lhcb_user", "lhcb");
        Caller aliceAsPilot = caller("alice", "lhcb_user", "lhcb", SecurityProperty.GENERIC_PILOT);

        assertThatThrownBy(() -> SandboxAccessPolicy.checkRead(aliceWithoutProperties, BUCKET, ALICES, true))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Forbidden");
        assertThatThrownBy(() -> SandboxAccessPolicy.checkRead(aliceAsPilot, BUCKET, ALICES, true))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Forbidden");
    }

    @Test
    void theRequiredPrefixComesFromTheCurrentToken() {
        assertThat(SandboxAccessPolicy.requiredPrefix(NORMAL, BUCKET))
                .isEqualTo("/S3/sandboxes/lhcb/lhcb_user/alice/");
    }
}
