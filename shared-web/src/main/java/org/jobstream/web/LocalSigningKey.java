package org.jobstream.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * The public half of the key that signs the tokens of a deployment without an issuer of its own
 * (the local stack's key pair, {@code jobstream.auth.public-key-location}): what the services check
 * tokens with, and what the discovery document's JWKS publishes.
 */
public final class LocalSigningKey {

    /** The key ID the local stack's tokens carry in their header ({@code ./jobstream token}, {@code login}). */
    public static final String KEY_ID = "jobstream-local";

    private LocalSigningKey() {
    }

    /**
     * The PEM RSA public key at {@code jobstream.auth.public-key-location}; empty when the
     * deployment checks tokens against an issuer's JWKS ({@code jobstream.auth.jwk-set-uri}) or has
     * no key file.
     */
    public static Optional<RSAPublicKey> publicKey(AuthProperties properties) {
        if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
            return Optional.empty();
        }
        if (properties.publicKeyLocation() == null || !properties.publicKeyLocation().exists()) {
            return Optional.empty();
        }
        try (InputStream in = properties.publicKeyLocation().getInputStream()) {
            return Optional.of(RsaKeyConverters.x509().convert(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + properties.publicKeyLocation(), e);
        }
    }
}
