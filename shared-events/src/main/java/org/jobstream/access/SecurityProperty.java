package org.jobstream.access;

/** The DIRAC security properties the jobs API looks at (strings in the token's {@code dirac_properties}). */
public final class SecurityProperty {
    public static final String NORMAL_USER = "NormalUser";
    public static final String JOB_ADMINISTRATOR = "JobAdministrator";
    public static final String GENERIC_PILOT = "GenericPilot";

    private SecurityProperty() {
    }
}
