package org.jobstream.command.sandbox;

import java.net.URI;
import java.time.Clock;
import org.jobstream.store.objects.S3Properties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The presigner and storage of the sandboxes, from {@code jobstream.s3.*} and {@code jobstream.sandbox.*};
 * the S3 client is the object store's ({@code ObjectStoreConfiguration} in shared-store).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxProperties.class)
class SandboxStoreConfiguration {

    @Bean(destroyMethod = "close")
    S3Presigner sandboxStorePresigner(S3Properties s3, AwsCredentialsProvider objectStoreCredentials) {
        var builder = S3Presigner.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(objectStoreCredentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.usesPathStyle()).build());
        if (s3.customEndpoint()) {
            builder.endpointOverride(URI.create(s3.endpoint()));
        }
        return builder.build();
    }

    @Bean
    S3SandboxStorage sandboxStorage(S3Client objectStoreClient, S3Presigner sandboxStorePresigner,
                                    AwsCredentialsProvider objectStoreCredentials, S3Properties s3) {
        return new S3SandboxStorage(objectStoreClient, sandboxStorePresigner, objectStoreCredentials, s3, Clock.systemUTC());
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> sandboxBucketCreator(S3Properties s3, S3SandboxStorage sandboxStorage) {
        return event -> {
            if (s3.autoCreateBucket()) {
                sandboxStorage.ensureBucket();
            }
        };
    }
}
