package org.jobstream.infra.cli;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jobstream.infra.local.LocalStack;
import picocli.CommandLine.Option;

/**
 * The identity a token is signed for, and the key and issuer that sign it: the options that
 * {@code ./jobstream token} and {@code ./jobstream login} share.
 */
class IdentityOptions {

    @Option(names = "--user", required = true, description = "preferred_username (and sub)")
    String user;

    @Option(names = "--vo", required = true, description = "virtual organisation")
    String vo;

    @Option(names = "--group", required = true, description = "DIRAC group")
    String group;

    @Option(names = "--property", description = "a DIRAC property (repeatable), e.g. NormalUser")
    List<String> properties = new ArrayList<>();

    @Option(names = "--lifetime", defaultValue = "PT24H", description = "validity of the token, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration lifetime;

    @Option(names = "--issuer", defaultValue = LocalStack.ISSUER, description = "iss (default ${DEFAULT-VALUE})")
    String issuer;

    @Option(names = "--audience", defaultValue = LocalStack.AUDIENCE, description = "aud (default ${DEFAULT-VALUE})")
    String audience;

    @Option(names = "--key", description = "PEM PKCS#8 private key (default: the local stack's)")
    Path key;

    /** The claims DiracX's tokens carry, for this identity. */
    JWTClaimsSet.Builder claims() {
        return Tokens.claims(user, vo, group, properties, lifetime, issuer, audience);
    }

    /** The signing key: {@code --key}, or the local stack's. */
    PrivateKey signingKey(LocalStack stack) throws IOException, GeneralSecurityException {
        return Tokens.readPrivateKey(key != null ? key : stack.privateKey());
    }
}
