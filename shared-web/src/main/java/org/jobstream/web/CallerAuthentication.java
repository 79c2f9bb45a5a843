package org.jobstream.web;

import org.jobstream.access.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** An authenticated request: the validated token and the caller it names. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final transient Jwt jwt;
    private final Caller caller;

    CallerAuthentication(Jwt jwt, Caller caller) {
        super(caller.properties().stream().map(SimpleGrantedAuthority::new).toList());
        this.jwt = jwt;
        this.caller = caller;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return jwt.getTokenValue();
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.username();
    }

}
