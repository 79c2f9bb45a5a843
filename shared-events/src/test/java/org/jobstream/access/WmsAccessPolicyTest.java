package org.jobstream.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WMS access policy over every action, for every combination of the three properties that
 * matter, on the caller's own jobs, on someone else's and on jobs that do not exist.
 */
class WmsAccessPolicyTest {

    private static final String NORMAL = SecurityProperty.NORMAL_USER;
    private static final String ADMIN = SecurityProperty.JOB_ADMINISTRATOR;
    private static final String PILOT = SecurityProperty.GENERIC_PILOT;

    private static final JobOwnership OWN = new JobOwnership(1, "alice", "lhcb");
    private static final JobOwnership OTHERS = new JobOwnership(2, "bob", "lhcb");
    private static final JobOwnership OTHER_VO = new JobOwnership(3, "alice", "atlas");

    enum Jobs { OWN_ONLY, INCLUDES_OTHERS, INCLUDES_OTHER_VO, INCLUDES_MISSING, NONE }

    /**
     * The expected decision, written as the rules read: create needs NormalUser; pilots manage
     * anything; administrators do anything but create; normal users query, and read or manage only
     * what exists and is theirs.
     */
    static boolean expected(Set<String> properties, WmsAction action, Jobs jobs) {
        WmsAction effective = action == WmsAction.PILOT ? WmsAction.MANAGE : action;
        if (effective == WmsAction.CREATE) {
            return properties.contains(NORMAL);
        }
        if (effective == WmsAction.MANAGE && properties.contains(PILOT)) {
            return true;
        }
        if (properties.contains(ADMIN)) {
            return true;
        }
        if (!properties.contains(NORMAL)) {
            return false;
        }
        return effective == WmsAction.QUERY || jobs == Jobs.OWN_ONLY;
    }

    static Stream<Arguments> everyCase() {
        List<Set<String>> propertySets = List.of(Set.of(), Set.of(NORMAL), Set.of(ADMIN), Set.of(PILOT),
                Set.of(NORMAL, ADMIN), Set.of(NORMAL, PILOT), Set.of(ADMIN, PILOT), Set.of(NORMAL, ADMIN, PILOT),
                Set.of("JobMonitor", "JobSharing", "Pilot"));
        return propertySets.stream().flatMap(properties -> Stream.of(WmsAction.values())
                .flatMap(action -> Stream.of(Jobs.values()).map(jobs -> Arguments.of(properties, action, jobs))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyCase")
    void decidesEveryCaseAsTheRulesSay(Set<String> properties, WmsAction action, Jobs jobs) {
        Caller caller = new Caller("sub", "alice", "lhcb", "lhcb_user", properties);
        Set<Long> requested = switch (jobs) {
            case OWN_ONLY -> Set.of(1L);
            case INCLUDES_OTHERS -> Set.of(1L, 2L);
            case INCLUDES_OTHER_VO -> Set.of(1L, 3L);
            case INCLUDES_MISSING -> Set.of(1L, 99L);
            case NONE -> Set.of();
        };
        List<JobOwnership> found = Stream.of(OWN, OTHERS, OTHER_VO).filter(j -> requested.contains(j.jobId())).toList();

        Runnable decision = action == WmsAction.CREATE || action == WmsAction.QUERY
                ? () -> WmsAccessPolicy.check(caller, action)
                : () -> WmsAccessPolicy.checkJobs(caller, action, requested, found);

        if (expected(properties, action, jobs)) {
            assertThatCode(decision::run).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(decision::run).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void aNormalUserAskingForAJobThatDoesNotExistIsRefusedNotToldItIsMissing() {
        Caller alice = new Caller("sub", "alice", "lhcb", "lhcb_user", Set.of(NORMAL));

        assertThatThrownBy(() -> WmsAccessPolicy.checkJobs(alice, WmsAction.READ, Set.of(99L), List.of()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anAdministratorWithoutNormalUserCannotSubmit() {
        Caller admin = new Caller("sub", "root", "lhcb", "admins", Set.of(ADMIN));

        assertThatThrownBy(() -> WmsAccessPolicy.check(admin, WmsAction.CREATE)).isInstanceOf(AccessDeniedException.class);
    }
}
