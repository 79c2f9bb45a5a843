package org.jobstream.access;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as the bearer token says. A job's owner is ({@link #username()}, {@link #vo()});
 * its owner group is {@link #group()}.
 *
 * @param subject    the token's {@code sub}
 * @param username   the token's {@code preferred_username}
 * @param vo         the token's {@code vo}
 * @param group      the token's {@code dirac_group}
 * @param properties the token's {@code dirac_properties}, e.g. {@code NormalUser}
 */
public record Caller(String subject, String username, String vo, String group, Set<String> properties) {

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(vo, "vo");
        Objects.requireNonNull(group, "group");
        properties = properties == null ? Set.of() : Set.copyOf(properties);
    }

    public boolean has(String property) {
        return properties.contains(property);
    }

    /** Whether this caller owns a job with the given owner and VO. */
    public boolean owns(String owner, String ownerVo) {
        return username.equals(owner) && vo.equals(ownerVo);
    }
}
