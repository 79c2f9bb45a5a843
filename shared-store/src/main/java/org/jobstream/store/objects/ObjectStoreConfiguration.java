package org.jobstream.store.objects;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The object store's client, from {@code jobstream.s3.*}: one S3 client per service, for the
 * sandboxes (command service) and the archive of finished jobs (every service). Creating it opens
 * no connection.
 */
@AutoConfiguration
@EnableConfigurationProperties(S3Properties.class)
public class ObjectStoreConfiguration {

    @Bean
    AwsCredentialsProvider objectStoreCredentials(S3Properties s3) {
        return s3.staticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))
                : DefaultCredentialsProvider.builder().build();
    }

    @Bean(destroyMethod = "close")
    SdkHttpClient objectStoreHttpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Bean(destroyMethod = "close")
    S3Client objectStoreClient(S3Properties s3, AwsCredentialsProvider objectStoreCredentials,
                               SdkHttpClient objectStoreHttpClient) {
        var builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(objectStoreCredentials)
                .httpClient(objectStoreHttpClient)
                .forcePathStyle(s3.usesPathStyle())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30)));
        if (s3.customEndpoint()) {
            builder.endpointOverride(URI.create(s3.endpoint()));
        }
        return builder.build();
    }
}
