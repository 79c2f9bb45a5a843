package org.jobstream.command.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 client, presigner and storage of the sandboxes, from {@code jobstream.s3.*} and {@code jobstream.sandbox.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({S3Properties.class, SandboxProperties.class})
class SandboxStoreConfiguration {

    @Bean
    AwsCredentialsProvider sandboxStoreCredentials(S3Properties s3) {
        return s3.staticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))
                : DefaultCredentialsProvider.builder().build();
    }

    @Bean(destroyMethod = "close")
    SdkHttpClient sandboxStoreHttpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Bean(destroyMethod = "close")
    S3Client sandboxStoreClient(S3Properties s3, AwsCredentialsProvider sandboxStoreCredentials,
                                SdkHttpClient sandboxStoreHttpClient) {
        var builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(sandboxStoreCredentials)
                .httpClient(sandboxStoreHttpClient)
                .forcePathStyle(s3.usesPathStyle())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30)));
        if (s3.customEndpoint()) {
            builder.endpointOverride(URI.create(s3.endpoint()));
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner sandboxStorePresigner(S3Properties s3, AwsCredentialsProvider sandboxStoreCredentials) {
        var builder = S3Presigner.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(sandboxStoreCredentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.usesPathStyle()).build());
        if (s3.customEndpoint()) {
            builder.endpointOverride(URI.create(s3.endpoint()));
        }
        return builder.build();
    }

    @Bean
    S3SandboxStorage sandboxStorage(S3Client sandboxStoreClient, S3Presigner sandboxStorePresigner,
                                    AwsCredentialsProvider sandboxStoreCredentials, S3Properties s3) {
        return new S3SandboxStorage(sandboxStoreClient, sandboxStorePresigner, sandboxStoreCredentials, s3, Clock.systemUTC());
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
