package org.jobstream.command.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.jobstream.store.objects.S3Properties;
import org.junit.jupiter.api.Test;

class SandboxPropertiesTest {

    @Test
    void theDefaultsAreDiracXs() {
        SandboxProperties sandbox = new SandboxProperties(null, null, null);

        assertThat(sandbox.seName()).isEqualTo("SandboxSE");
        assertThat(sandbox.urlValidity()).isEqualTo(Duration.ofSeconds(300));
        assertThat(sandbox.maxSizeBytes()).isEqualTo(104_857_600L);
    }

    @Test
    void anSeNameIsLettersOnlyAsThePfnPatternRequires() {
        assertThatThrownBy(() -> new SandboxProperties("Sandbox_SE", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SandboxProperties("SE1", null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theUrlValidityIsBetweenOneSecondAndSevenDays() {
        assertThat(new SandboxProperties(null, Duration.ofDays(7), null).urlValidity()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> new SandboxProperties(null, Duration.ofMillis(999), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SandboxProperties(null, Duration.ofDays(7).plusSeconds(1), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theS3DefaultsAreALocalPathStyleStoreInUsEast1() {
        S3Properties s3 = new S3Properties("http://127.0.0.1:19000", null, "ak", "sk", null, null, null);

        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.bucket()).isEqualTo("sandboxes");
        assertThat(s3.usesPathStyle()).isTrue();
        assertThat(s3.autoCreateBucket()).isFalse();
        assertThat(s3.staticCredentials()).isTrue();
    }

    @Test
    void awsIsNeverAddressedPathStyleAndEmptyKeysMeanTheDefaultChain() {
        S3Properties aws = new S3Properties("", "eu-west-1", "", "", "sandboxes", true, false);

        assertThat(aws.customEndpoint()).isFalse();
        assertThat(aws.usesPathStyle()).isFalse();
        assertThat(aws.staticCredentials()).isFalse();
    }

    @Test
    void anAccessKeyWithoutSecretIsAMistake() {
        assertThatThrownBy(() -> new S3Properties("", null, "ak", "", null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
