package org.jobstream.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Decodes each distinct token once: pilots and clients send the same token with every request,
 * and checking its RSA signature was a third of the command service's request time. A token seen
 * before (the same bytes, so the same signature) is only validated again (expiry, not-before,
 * issuer, audience), so an expired token is refused however often it was accepted. Bounded: when
 * it holds {@code capacity} tokens it starts afresh.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int capacity;
    private final Map<String, Jwt> decoded = new ConcurrentHashMap<>();

    CachingJwtDecoder(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, int capacity) {
        this.decoder = decoder;
        this.validator = validator;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = decoded.get(token);
        if (known != null) {
            OAuth2TokenValidatorResult result = validator.validate(known);
            if (result.hasErrors()) {
                decoded.remove(token);
                throw new JwtValidationException("Invalid JWT", result.getErrors());
            }
            return known;
        }
        Jwt jwt = decoder.decode(token);
        if (decoded.size() >= capacity) {
            decoded.clear();
        }
        decoded.put(token, jwt);
        return jwt;
    }
}
