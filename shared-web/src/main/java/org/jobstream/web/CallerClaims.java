package org.jobstream.web;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jobstream.access.Caller;
import org.springframework.security.oauth2.jwt.Jwt;

/** Reads the {@link Caller} from a validated token's claims (the claims DiracX's tokens carry). */
final class CallerClaims {

    static final String USERNAME = "preferred_username";
    static final String VO = "vo";
    static final String GROUP = "dirac_group";
    static final String PROPERTIES = "dirac_properties";

    private CallerClaims() {
    }

    /** @throws IllegalArgumentException when a claim the API needs is missing or of the wrong type */
    static Caller toCaller(Jwt jwt) {
        return new Caller(
                required(jwt, "sub"),
                required(jwt, USERNAME),
                required(jwt, VO),
                required(jwt, GROUP),
                properties(jwt.getClaims().get(PROPERTIES)));
    }

    private static String required(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("claim " + claim + " is missing");
        }
        return s;
    }

    private static Set<String> properties(Object value) {
        if (value == null) {
            return Set.of();
        }
        if (value instanceof Collection<?> c && c.stream().allMatch(String.class::isInstance)) {
            return c.stream().map(String.class::cast).collect(Collectors.toUnmodifiableSet());
        }
        if (value instanceof String s) {
            return Set.copyOf(List.of(s));
        }
        throw new IllegalArgumentException("claim " + PROPERTIES + " is not a list of strings");
    }
}
