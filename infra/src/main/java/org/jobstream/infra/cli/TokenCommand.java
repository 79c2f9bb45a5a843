package org.jobstream.infra.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jobstream.infra.local.LocalStack;
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

    @Option(names = "--issuer", defaultValue = LocalStack.ISSUER)
    String issuer;

    @Option(names = "--audience", defaultValue = LocalStack.AUDIENCE)
    String audience;

    @Option(names = "--key", description = "PEM PKCS#8 private key (default: the local stack's)")
    Path key;

    @Override
    public Integer call() throws Exception {
        Path keyFile = key != null ? key : LocalStack.of(Path.of("")).privateKey();
        System.out.println(Tokens.sign(Tokens.readPrivateKey(keyFile), user, vo, group, properties, lifetime,
                issuer, audience));
        return 0;
    }
}
