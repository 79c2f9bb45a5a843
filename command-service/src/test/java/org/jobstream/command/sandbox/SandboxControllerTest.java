package org.jobstream.command.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.jobstream.access.AccessDeniedException;
import org.jobstream.access.Caller;
import org.jobstream.access.SandboxPfn;
import org.jobstream.access.SecurityProperty;
import org.jobstream.api.SandboxDownloadResponse;
import org.jobstream.api.SandboxUploadResponse;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.NotFound;
import org.jobstream.errors.Refused;
import org.jobstream.errors.RequestError;
import org.junit.jupiter.api.Test;

/** The sandbox routes' decisions, without HTTP: policy first, then the store, which is trusted for nothing. */
class SandboxControllerTest {

    private static final byte[] CONTENT = "a sandbox archive".getBytes(StandardCharsets.UTF_8);
    private static final String CHECKSUM = HexFormat.of().formatHex(FakeSandboxStorage.sha256(CONTENT));

    private final FakeSandboxStorage storage = new FakeSandboxStorage();
    private final SandboxController controller = new SandboxController(
            new Sandboxes(storage, new SandboxProperties("SandboxSE", Duration.ofSeconds(300), 1000L)));

    private static Caller caller(String username, String group, String... properties) {
        return new Caller("lhcb:" + username, username, "lhcb", group, Set.of(properties));
    }

    private static final Caller ALICE = caller("alice", "lhcb_user", SecurityProperty.NORMAL_USER);
    private static final Caller BOB = caller("bob", "lhcb_user", SecurityProperty.NORMAL_USER);
    private static final Caller ADMIN = caller("root", "lhcb_admin", SecurityProperty.JOB_ADMINISTRATOR);

    private static SandboxInfo info(String checksum, long size) {
        return new SandboxInfo("sha256", checksum, size, "tar.bz2");
    }

    private static final String ALICES_PFN = "SB:SandboxSE|/S3/sandboxes/lhcb/lhcb_user/alice/sha256:" + CHECKSUM + ".tar.bz2";
    private static final String ALICES_KEY = "lhcb/lhcb_user/alice/sha256:" + CHECKSUM + ".tar.bz2";

    @Test
    void aNewSandboxGetsItsPfnAndAPresignedPostForItsKeySizeAndChecksum() {
        SandboxUploadResponse answer = controller.initiateUpload(ALICE, info(CHECKSUM, CONTENT.length));

        assertThat(answer.pfn()).isEqualTo(ALICES_PFN);
        assertThat(answer.url()).isEqualTo("http://store/sandboxes");
        assertThat(answer.fields()).containsEntry("key", ALICES_KEY)
                .containsEntry("size", Integer.toString(CONTENT.length))
                .containsEntry("x-amz-checksum-sha256", FakeSandboxStorage.sha256Base64(CONTENT));
    }

    @Test
    void aSandboxAlreadyStoredIntactAnswersItsPfnAlone() {
        storage.put(ALICES_KEY, CONTENT);

        SandboxUploadResponse answer = controller.initiateUpload(ALICE, info(CHECKSUM, CONTENT.length));

        assertThat(answer).isEqualTo(SandboxUploadResponse.alreadyUploaded(ALICES_PFN));
        assertThat(answer.url()).isNull();
        assertThat(answer.fields()).isEmpty();
        assertThat(storage.presigned).isEmpty();
    }

    @Test
    void theSameContentOfAnotherUserIsAnotherSandbox() {
        storage.put(ALICES_KEY, CONTENT);

        SandboxUploadResponse answer = controller.initiateUpload(BOB, info(CHECKSUM, CONTENT.length));

        assertThat(answer.pfn()).isEqualTo("SB:SandboxSE|/S3/sandboxes/lhcb/lhcb_user/bob/sha256:" + CHECKSUM + ".tar.bz2");
        assertThat(answer.url()).isNotNull();
    }

    @Test
    void aStoredObjectOfAnotherSizeOrContentIsUploadedAgain() {
        storage.objects.put(ALICES_KEY, new StoredObject(CONTENT.length + 1, Optional.of(FakeSandboxStorage.sha256Base64(CONTENT))));
        assertThat(controller.initiateUpload(ALICE, info(CHECKSUM, CONTENT.length)).url()).isNotNull();

        storage.objects.put(ALICES_KEY, new StoredObject(CONTENT.length, Optional.of(FakeSandboxStorage.sha256Base64(new byte[3]))));
        assertThat(controller.initiateUpload(ALICE, info(CHECKSUM, CONTENT.length)).url()).isNotNull();

        storage.objects.put(ALICES_KEY, new StoredObject(CONTENT.length, Optional.empty()));
        assertThat(controller.initiateUpload(ALICE, info(CHECKSUM, CONTENT.length)).url()).isNotNull();
    }

    @Test
    void anUpperCaseChecksumIsNamedLowerCaseSoThatThePfnCanBeDownloaded() {
        SandboxUploadResponse answer = controller.initiateUpload(ALICE, info(CHECKSUM.toUpperCase(), CONTENT.length));

        assertThat(answer.pfn()).isEqualTo(ALICES_PFN);
        assertThat(SandboxPfn.tryParse(answer.pfn())).isPresent();
    }

    @Test
    void aSandboxLargerThanTheMaximumIsRefusedBeforeTheStoreIsAsked() {
        assertThatThrownBy(() -> controller.initiateUpload(ALICE, info(CHECKSUM, 1001)))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.detail()).isEqualTo("Sandbox too large, maximum allowed is 1000 bytes");
                });
        assertThat(storage.heads).isEmpty();
    }

    @Test
    void aSandboxOfExactlyTheMaximumMayBeUploaded() {
        assertThat(controller.initiateUpload(ALICE, info(CHECKSUM, 1000)).url()).isNotNull();
    }

    @Test
    void onlyANormalUserMayInitiateAnUpload() {
        assertThatThrownBy(() -> controller.initiateUpload(ADMIN, info(CHECKSUM, 10)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.initiateUpload(caller("p", "pilots", SecurityProperty.GENERIC_PILOT), info(CHECKSUM, 10)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(storage.heads).isEmpty();
    }

    @Test
    void theOwnerGetsAPresignedGetOfTheirStoredSandboxInEitherForm() {
        storage.put(ALICES_KEY, CONTENT);

        SandboxDownloadResponse full = controller.downloadUrl(ALICE, ALICES_PFN);
        SandboxDownloadResponse shortForm = controller.downloadUrl(ALICE, SandboxPfn.parse(ALICES_PFN).shortForm());

        assertThat(full.url()).isEqualTo("http://store/sandboxes/" + ALICES_KEY + "?X-Amz-Expires=300");
        assertThat(full.expiresIn()).isEqualTo(300);
        assertThat(shortForm).isEqualTo(full);
    }

    @Test
    void anotherUserIsRefusedWithTheirOwnPrefixAndNothingIsPresigned() {
        storage.put(ALICES_KEY, CONTENT);

        assertThatThrownBy(() -> controller.downloadUrl(BOB, ALICES_PFN))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("Invalid PFN. PFN must start with /S3/sandboxes/lhcb/lhcb_user/bob/");
        assertThat(storage.presigned).isEmpty();
    }

    @Test
    void theOwnerOfANameThatIsNotStoredIsRefusedAsNotTheOwner() {
        assertThatThrownBy(() -> controller.downloadUrl(ALICE, ALICES_PFN))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("alice is not the owner of the sandbox");
    }

    @Test
    void aSandboxWhoseUploadWasInitiatedIsRegisteredBeforeItIsStored() {
        Sandboxes sandboxes = new Sandboxes(storage, new SandboxProperties("SandboxSE", Duration.ofSeconds(300), 1000L));
        SandboxPfn pfn = SandboxPfn.parse(ALICES_PFN);
        assertThat(sandboxes.registered(pfn)).isFalse();

        controller.initiateUpload(ALICE, info(CHECKSUM, CONTENT.length));

        assertThat(sandboxes.registered(pfn)).isTrue();
        assertThat(storage.objects).containsKey("registered/" + ALICES_KEY).doesNotContainKey(ALICES_KEY);
    }

    @Test
    void theOwnerDownloadingARegisteredSandboxNotYetUploadedGetsA404() {
        controller.initiateUpload(ALICE, info(CHECKSUM, CONTENT.length));
        storage.presigned.clear();

        assertThatThrownBy(() -> controller.downloadUrl(ALICE, ALICES_PFN))
                .isInstanceOf(NotFound.class);
        assertThat(storage.presigned).isEmpty();
    }

    @Test
    void anotherUserCannotDownloadARegisteredSandbox() {
        controller.initiateUpload(ALICE, info(CHECKSUM, CONTENT.length));
        storage.put(ALICES_KEY, CONTENT);

        assertThatThrownBy(() -> controller.downloadUrl(BOB, ALICES_PFN)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anAdministratorAskingForASandboxThatIsNotStoredGetsA400() {
        assertThatThrownBy(() -> controller.downloadUrl(ADMIN, ALICES_PFN))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.detail()).isEqualTo("Sandbox with /S3/sandboxes/lhcb/lhcb_user/alice/sha256:"
                            + CHECKSUM + ".tar.bz2 and SandboxSE not found");
                });
    }

    @Test
    void anAdministratorGetsAnyonesStoredSandbox() {
        storage.put(ALICES_KEY, CONTENT);

        assertThat(controller.downloadUrl(ADMIN, ALICES_PFN).url()).contains(ALICES_KEY);
    }

    @Test
    void anObjectWhoseContentIsNotWhatItsNameSaysIsNeverHandedOut() {
        storage.put(ALICES_KEY, "something else".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> controller.downloadUrl(ALICE, ALICES_PFN)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.downloadUrl(ADMIN, ALICES_PFN)).isInstanceOf(RequestError.class);
        assertThat(storage.presigned).isEmpty();
    }

    @Test
    void anObjectStoredWithoutAChecksumIsNeverHandedOut() {
        storage.objects.put(ALICES_KEY, new StoredObject(CONTENT.length, Optional.empty()));

        assertThatThrownBy(() -> controller.downloadUrl(ADMIN, ALICES_PFN)).isInstanceOf(RequestError.class);
        assertThat(storage.presigned).isEmpty();
    }

    @Test
    void aPfnOfAnotherBucketOrAlgorithmIsNotLookedUp() {
        String otherBucket = "/S3/elsewhere/lhcb/lhcb_user/alice/sha256:" + CHECKSUM + ".tar.bz2";
        String otherAlgorithm = "/S3/sandboxes/lhcb/lhcb_user/alice/sha512:" + CHECKSUM + ".tar.bz2";

        assertThatThrownBy(() -> controller.downloadUrl(ADMIN, otherBucket)).isInstanceOf(RequestError.class);
        assertThatThrownBy(() -> controller.downloadUrl(ADMIN, otherAlgorithm)).isInstanceOf(RequestError.class);
        assertThat(storage.heads).isEmpty();
    }

    @Test
    void aCallerWithoutNormalUserOrJobAdministratorMayNotDownload() {
        storage.put(ALICES_KEY, CONTENT);

        assertThatThrownBy(() -> controller.downloadUrl(caller("alice", "lhcb_user"), ALICES_PFN))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Forbidden");
    }
}
