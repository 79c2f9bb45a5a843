package org.jobstream.projections.rebuild;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(RebuildSettings.class)
class RebuildConfiguration {
}
