package org.jobstream.commands;

import java.util.Objects;
import org.jobstream.api.IdempotencyKey;

/**
 * A submission's idempotency key in its owner's scope, with what the request asked for: the
 * command side records it in the transaction that appends the submission's events, so that the
 * key is remembered exactly when the jobs exist. A later request of the same owner with the same
 * key gets that submission's answer (same {@code fingerprint}) or is refused (another one).
 *
 * @param owner       the submitting user ({@code preferred_username}), the jobs' owner
 * @param vo          the owner's VO: with {@code owner}, the scope of the key (as for job ownership)
 * @param key         the client's key
 * @param fingerprint what the request asked for, the same for the same request (a hash of its body
 *                    and of what else shapes the jobs)
 */
public record SubmissionKey(String owner, String vo, IdempotencyKey key, String fingerprint) {

    public SubmissionKey {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(vo, "vo");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
