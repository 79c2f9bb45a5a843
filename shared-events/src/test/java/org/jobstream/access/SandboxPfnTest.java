package org.jobstream.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxPfnTest {

    private static final String CHECKSUM = "90e0ba6763c91a905bb9fd6e025aac1952ae742e6d756a31a0963aa7df7cd7b1";
    private static final String SHORT = "/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst";
    private static final String FULL = "SB:SandboxSE|" + SHORT;

    @Test
    void theFullFormIsReadIntoItsParts() {
        SandboxPfn pfn = SandboxPfn.parse(FULL);

        assertThat(pfn.bucket()).isEqualTo("sandboxes");
        assertThat(pfn.vo()).isEqualTo("lhcb");
        assertThat(pfn.group()).isEqualTo("test_group");
        assertThat(pfn.username()).isEqualTo("preferred_username");
        assertThat(pfn.algorithm()).isEqualTo("sha256");
        assertThat(pfn.checksum()).isEqualTo(CHECKSUM);
        assertThat(pfn.format()).isEqualTo("tar.zst");
    }

    @Test
    void theShortFormNamesTheSameSandboxAsTheFullForm() {
        assertThat(SandboxPfn.parse(SHORT)).isEqualTo(SandboxPfn.parse(FULL));
    }

    @Test
    void ofBuildsTheShortAndFullFormsAndTheObjectKey() {
        SandboxPfn pfn = SandboxPfn.of("sandboxes", "lhcb", "test_group", "preferred_username", CHECKSUM, "tar.zst");

        assertThat(pfn.shortForm()).isEqualTo(SHORT);
        assertThat(pfn.fullForm("SandboxSE")).isEqualTo(FULL);
        assertThat(pfn.objectKey()).isEqualTo("lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst");
        assertThat(pfn.algorithm()).isEqualTo(SandboxPfn.SHA256);
        assertThat(pfn).hasToString(SHORT);
    }

    @Test
    void everyFormOfABuiltPfnReadsBackToIt() {
        SandboxPfn pfn = SandboxPfn.of("my.bucket-1", "gridpp", "gridpp_user", "j.doe@example", CHECKSUM, "tar.bz2");

        assertThat(SandboxPfn.parse(pfn.shortForm())).isEqualTo(pfn);
        assertThat(SandboxPfn.parse(pfn.fullForm("Any"))).isEqualTo(pfn);
    }

    @Test
    void theSeNameOfTheFullFormIsNotPartOfTheSandbox() {
        assertThat(SandboxPfn.parse("SB:OtherSE|" + SHORT)).isEqualTo(SandboxPfn.parse(FULL));
    }

    @Test
    void aLeadingColonIsAcceptedAsDiracXsPatternAcceptsIt() {
        assertThat(SandboxPfn.tryParse(":" + FULL)).contains(SandboxPfn.parse(FULL));
    }

    @Test
    void otherAlgorithmsAndFormatsThePatternAllowsAreRead() {
        SandboxPfn pfn = SandboxPfn.parse("/S3/abc/v/g/u/md5x:" + CHECKSUM + ".tar.gz.1");

        assertThat(pfn.algorithm()).isEqualTo("md5x");
        assertThat(pfn.format()).isEqualTo("tar.gz.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst",  // no /S3/
        "/s3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst", // lower-case s3
        "/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + "90E0BA6763C91A905BB9FD6E025AAC1952AE742E6D756A31A0963AA7DF7CD7B1" + ".tar.zst",
        "/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + "90e0" + ".tar.zst",   // short checksum
        "/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + "0.tar.zst", // 65 hex
        "/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM,               // no format
        "/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".TAR.ZST",  // upper-case format
        "/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar_zst",
        "/S3/sandboxes/lhcb/test_group/preferred_username/" + CHECKSUM + ".tar.zst",         // no algorithm
        "/S3/sandboxes/lhcb/test_group/preferred_username/sh:" + CHECKSUM + ".tar.zst",      // algorithm too short
        "/S3/sandboxes/lhcb/test_group/preferred_username/sha256sha256:" + CHECKSUM + ".tar.zst", // too long
        "/S3/sandboxes/lhcb/test_group/sha256:" + CHECKSUM + ".tar.zst",                     // two segments
        "/S3/sandboxes/lhcb/test_group/preferred_username/extra/sha256:" + CHECKSUM + ".tar.zst", // four
        "/S3/sandboxes/lhcb//preferred_username/sha256:" + CHECKSUM + ".tar.zst",            // empty segment
        "/S3/sb/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst",         // bucket too short
        "/S3/Sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst",  // upper-case bucket
        "/S3/sand_boxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst",
        "SB:Sandbox1|/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst", // digit
        "SB:Sandbox_SE|/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst",
        "SB:|/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst", // empty SE
        "SandboxSE|/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst", // no SB:
        "::SB:SandboxSE|/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst",
        " /S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst",
        "/S3/sandboxes/lhcb/test_group/preferred_username/sha256:" + CHECKSUM + ".tar.zst\n",
    })
    void textThatDoesNotMatchDiracXsPatternIsNoPfn(String text) {
        assertThat(SandboxPfn.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> SandboxPfn.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsNoPfn() {
        assertThat(SandboxPfn.tryParse(null)).isEmpty();
    }

    @Test
    void theBucketMayHaveSixtyThreeCharactersButNotMore() {
        String suffix = "/v/g/u/sha256:" + CHECKSUM + ".tar.bz2";

        assertThat(SandboxPfn.tryParse("/S3/" + "b".repeat(63) + suffix)).isPresent();
        assertThat(SandboxPfn.tryParse("/S3/" + "b".repeat(64) + suffix)).isEmpty();
    }

    @Test
    void aPfnMayHave256CharactersButNotMore() {
        String fixed = "/S3/sandboxes/v/g//sha256:" + CHECKSUM + ".tar.bz2";
        String longest = "/S3/sandboxes/v/g/" + "u".repeat(256 - fixed.length()) + "/sha256:" + CHECKSUM + ".tar.bz2";
        String tooLong = "/S3/sandboxes/v/g/" + "u".repeat(257 - fixed.length()) + "/sha256:" + CHECKSUM + ".tar.bz2";

        assertThat(longest).hasSize(256);
        assertThat(SandboxPfn.tryParse(longest)).isPresent();
        assertThat(SandboxPfn.tryParse(tooLong)).isEmpty();
        assertThat(SandboxPfn.tryParse("SB:SE|" + longest)).isEmpty();
    }

    @Test
    void segmentsMayHoldAnyCharacterButASlash() {
        SandboxPfn pfn = SandboxPfn.parse("/S3/sandboxes/vo:1/g|x/a b/sha256:" + CHECKSUM + ".tar.bz2");

        assertThat(pfn.vo()).isEqualTo("vo:1");
        assertThat(pfn.group()).isEqualTo("g|x");
        assertThat(pfn.username()).isEqualTo("a b");
    }

    @Test
    void aPfnThatCouldNotBeSentBackCannotBeBuilt() {
        assertThatThrownBy(() -> SandboxPfn.of("sandboxes", "lhcb", "g", "u", CHECKSUM.toUpperCase(), "tar.bz2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxPfn.of("sandboxes", "lhcb", "g", "a/b", CHECKSUM, "tar.bz2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxPfn.of("sandboxes", "lhcb", "", "u", CHECKSUM, "tar.bz2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxPfn.of("sandboxes", null, "g", "u", CHECKSUM, "tar.bz2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxPfn.of("SB", "lhcb", "g", "u", CHECKSUM, "tar.bz2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxPfn.of("sandboxes", "lhcb", "g", "u".repeat(200), CHECKSUM, "tar.bz2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSeNameOfTheFullFormIsLettersOnly() {
        SandboxPfn pfn = SandboxPfn.parse(SHORT);

        assertThatThrownBy(() -> pfn.fullForm("Sandbox-SE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pfn.fullForm("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pfn.fullForm(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
