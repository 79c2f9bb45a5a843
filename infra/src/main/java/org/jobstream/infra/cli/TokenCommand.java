package org.jobstream.infra.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jobstream.infra.local.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Prints a bearer token for a given identity, signed with the local stack's key: the embedded
 * default's stand-in for a DiracX token issuer. The claims are those DiracX's tokens carry.
 */
@Command(name = "token", description = "Print a signed bearer token for an identity (embedded default)")
class TokenCommand implements Callable<Integer> {

    @Mixin
    IdentityOptions identity;

    @Override
    public Integer call() throws Exception {
        System.out.println(Tokens.sign(identity.signingKey(LocalStack.of(Path.of(""))), identity.claims().build()));
        return 0;
    }
}
