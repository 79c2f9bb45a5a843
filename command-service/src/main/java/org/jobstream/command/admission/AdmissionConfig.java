package org.jobstream.command.admission;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link WriteAdmission} in front of every route. */
@Configuration
class AdmissionConfig implements WebMvcConfigurer {

    private final WriteAdmission admission;

    AdmissionConfig(WriteAdmission admission) {
        this.admission = admission;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(admission);
    }
}
