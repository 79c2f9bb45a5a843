package org.jobstream.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may rebuild and check the read models. */
class AdminAccessPolicyTest {

    private static Caller caller(String... properties) {
        return new Caller("lhcb:someone", "someone", "lhcb", "lhcb_admin", Set.of(properties));
    }

    @Test
    void aJobAdministratorMayRunMaintenance() {
        assertThatCode(() -> AdminAccessPolicy.checkAdministrator(caller(SecurityProperty.JOB_ADMINISTRATOR)))
                .doesNotThrowAnyException();
        assertThatCode(() -> AdminAccessPolicy.checkAdministrator(
                caller(SecurityProperty.JOB_ADMINISTRATOR, SecurityProperty.NORMAL_USER))).doesNotThrowAnyException();
    }

    @Test
    void aNormalUserMayNotRunMaintenance() {
        assertThatThrownBy(() -> AdminAccessPolicy.checkAdministrator(caller(SecurityProperty.NORMAL_USER)))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Forbidden");
    }

    @Test
    void aPilotOrACallerWithoutPropertiesMayNotRunMaintenance() {
        assertThatThrownBy(() -> AdminAccessPolicy.checkAdministrator(caller(SecurityProperty.GENERIC_PILOT)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> AdminAccessPolicy.checkAdministrator(caller()))
                .isInstanceOf(AccessDeniedException.class);
    }
}
