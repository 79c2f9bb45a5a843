package org.jobstream.projections.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How rebuilds and checks run ({@code jobstream.rebuild.*}).
 *
 * @param batchSize        events per transaction when replaying the event store
 * @param progressInterval how often progress is reported
 * @param pauseLockTimeout how long to wait for the running batches when pausing the consumers
 * @param retireDelay      how long the replaced index stays for searches already running on it
 */
@ConfigurationProperties("jobstream.rebuild")
public record RebuildSettings(int batchSize, Duration progressInterval, Duration pauseLockTimeout, Duration retireDelay) {
}
