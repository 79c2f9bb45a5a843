package org.jobstream.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import org.jobstream.access.Caller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rules every Jobstream web service keeps, as ArchUnit rules its tests check (shared through
 * this module's test jar): controllers are HTTP only, and no route forgets its access policy.
 */
public final class ApiArchitectureRules {

    private ApiArchitectureRules() {
    }

    /** Controllers parse, check permission and call logic: they never touch a database or the index. */
    public static final ArchRule CONTROLLERS_DO_NOT_TOUCH_STORAGE = noClasses()
            .that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.jdbc..", "java.sql..", "javax.sql..", "co.elastic.clients..",
                    "software.amazon.awssdk..")
            .because("storage belongs to the logic and storage classes behind the controllers");

    /**
     * Every route takes the caller and checks an access policy before anything else, except the
     * few that describe the service to callers without a token ({@link PublicRoute}).
     */
    public static final ArchRule EVERY_ROUTE_CHECKS_A_POLICY = methods()
            .that().areAnnotatedWith(GetMapping.class)
            .or().areAnnotatedWith(PostMapping.class)
            .or().areAnnotatedWith(PatchMapping.class)
            .or().areAnnotatedWith(PutMapping.class)
            .or().areAnnotatedWith(DeleteMapping.class)
            .and().areNotAnnotatedWith(PublicRoute.class)
            .should(takeTheCaller())
            .andShould(ArchConditions.have(DescribedPredicate.describe("a call to an access policy",
                    (JavaMethod method) -> method.getMethodCallsFromSelf().stream()
                            .map(JavaMethodCall::getTargetOwner)
                            .anyMatch(owner -> owner.getSimpleName().endsWith("AccessPolicy")))))
            .because("a route that forgets its policy would let anyone act on anyone's jobs");

    private static ArchCondition<JavaMethod> takeTheCaller() {
        return ArchConditions.have(DescribedPredicate.describe("a Caller parameter",
                (JavaMethod method) -> method.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(Caller.class))));
    }
}
