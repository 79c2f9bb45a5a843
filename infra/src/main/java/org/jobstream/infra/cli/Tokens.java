package org.jobstream.infra.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.jobstream.infra.local.LocalStack;

/** Signs bearer tokens with the claims DiracX's tokens carry (the embedded default's token issuer). */
public final class Tokens {

    private Tokens() {
    }

    public static String sign(PrivateKey key, String user, String vo, String group, List<String> properties,
                              Duration lifetime, String issuer, String audience) throws JOSEException {
        return sign(key, claims(user, vo, group, properties, lifetime, issuer, audience).build());
    }

    /**
     * The claims {@link #sign(PrivateKey, String, String, String, List, Duration, String, String)} puts in a
     * token, as a builder: change or remove any of them (a token of another issuer or audience, one
     * without a claim the API needs) and sign the result with {@link #sign(PrivateKey, JWTClaimsSet)}.
     */
    public static JWTClaimsSet.Builder claims(String user, String vo, String group, List<String> properties,
                                              Duration lifetime, String issuer, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(issuer)
                .audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("preferred_username", user)
                .claim("vo", vo)
                .claim("dirac_group", group)
                .claim("dirac_properties", List.copyOf(properties));
    }

    /** Signs any claims, RS256 with the local stack's key ID, as the local token issuer does. */
    public static String sign(PrivateKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(LocalStack.KEY_ID).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** Reads a PEM PKCS#8 RSA private key, as {@code openssl genpkey} writes it. */
    public static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        if (!Files.exists(pem)) {
            throw new IllegalStateException("No signing key at " + pem + ": run ./jobstream up first");
        }
        String base64 = Files.readString(pem)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
