package org.jobstream.infra.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jobstream.infra.local.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./jobstream login}: what {@code dirac login} does against DiracX, for the local stack. It
 * writes a DiracX credentials file holding a token of the given identity signed by the stack's
 * key, so that DiracX's client and CLI ({@code dirac jobs submit}, {@code dirac jobs search}) work
 * against the stack at once. The local stack has no token endpoint: the file has no refresh token,
 * and the access token lasts {@code --lifetime}; log in again afterwards.
 */
@Command(name = "login", description = "Write a DiracX credentials file for an identity (the local stack's key signs it)")
class LoginCommand implements Callable<Integer> {

    @Mixin
    IdentityOptions identity;

    @Option(names = "--credentials-path", description = "where to write (default: $DIRACX_CREDENTIALS_PATH, else ~/.cache/diracx/credentials.json)")
    Path credentialsPath;

    @Override
    public Integer call() throws Exception {
        LocalStack stack = LocalStack.of(Path.of(""));
        Instant expires = Instant.now().plus(identity.lifetime);
        String token = Tokens.sign(identity.signingKey(stack),
                identity.claims().expirationTime(java.util.Date.from(expires)).build());
        Path file = credentialsPath != null ? credentialsPath
                : DiracxCredentials.defaultPath(System.getenv(), Path.of(System.getProperty("user.home")));
        DiracxCredentials.write(file, token, null, expires);
        String url = stack.baseUrl();
        System.err.printf("Logged in as %s (%s, %s%s) until %s: credentials in %s%n", identity.user, identity.vo,
                identity.group, identity.properties.isEmpty() ? "" : ", " + String.join(", ", identity.properties),
                expires, file);
        System.out.println("export DIRACX_URL=" + url);
        if (credentialsPath != null || System.getenv("DIRACX_CREDENTIALS_PATH") != null) {
            System.out.println("export DIRACX_CREDENTIALS_PATH=" + file.toAbsolutePath());
        }
        return 0;
    }
}
