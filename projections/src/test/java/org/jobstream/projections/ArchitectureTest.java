package org.jobstream.projections;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.jobstream.web.ApiArchitectureRules;

@AnalyzeClasses(packages = "org.jobstream.projections", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule controllersDoNotTouchStorage = ApiArchitectureRules.CONTROLLERS_DO_NOT_TOUCH_STORAGE;

    @ArchTest
    static final ArchRule everyRouteChecksAPolicy = ApiArchitectureRules.EVERY_ROUTE_CHECKS_A_POLICY;
}
