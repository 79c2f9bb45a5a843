package org.jobstream.infra.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints a bearer token for a given identity, signed with the local stack's key: the embedded
 * default's stand-in for a DiracX token issuer. The claims are those DiracX's tokens carry.
 */
@Command(name = "token", description = "Print a signed bearer token for an identity (embedded default)")
class TokenCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, description = "preferred_username (and sub)")
    String user;

    @Option(names = "--vo", required = true, description = "virtual organisation")
    String vo;

    @Option(names = "--group", required = true, description = "DIRAC group")
    String group;

    @Option(names = "--property", description = "a DIRAC property (repeatable), e.g. NormalUser")
    List<String> properties = new ArrayList<>();

    @Option(names = "--lifetime", defaultValue = "PT24H", description = "validity, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration lifetime;

    @Option(names = "--issuer", defaultValue = "jobstream-local")
    String issuer;

    @Option(names = "--audience", defaultValue = "jobstream")
    String audience;

    @Option(names = "--key", description = "PEM PKCS#8 private key (default: the local stack's)")
    Path key;

    @Override
    public Integer call() throws Exception {
        Path keyFile = key != null ? key : Path.of(System.getenv().getOrDefault("JOBSTREAM_KEYS", ".jobstream/keys"),
                "jwt-private.pem");
        System.out.println(sign(readPrivateKey(keyFile)));
        return 0;
    }

    String sign(PrivateKey privateKey) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(issuer)
                .audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("preferred_username", user)
                .claim("vo", vo)
                .claim("dirac_group", group)
                .claim("dirac_properties", properties)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("jobstream-local").build(), claims);
        jwt.sign(new RSASSASigner(privateKey));
        return jwt.serialize();
    }

    static PrivateKey readPrivateKey(Path pem) throws Exception {
        if (!Files.exists(pem)) {
            throw new IllegalStateException("No signing key at " + pem + ": run ./jobstream up first");
        }
        String base64 = Files.readString(pem)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
