package org.jobstream.api;

import java.util.Optional;
import org.jobstream.errors.Invalid;

/**
 * A client's key for one job submission ({@link ApiHeaders#IDEMPOTENCY_KEY}), as the IETF draft
 * "The Idempotency-Key HTTP Header Field" describes it: the client makes it unique per request
 * (a UUID, say) and sends it again with each retry of that request. Keys belong to their caller:
 * the same key from another owner is another key.
 *
 * <p>Jobstream takes the header's value as it is sent, 1 to {@value #MAX_LENGTH} visible ASCII
 * characters ({@code !} to {@code ~}); the draft's quoted form ({@code "8e03978e..."}) is such a
 * value too, quotes included, so a client that always sends the same header is always understood.
 *
 * @param value the key as the client sent it
 */
public record IdempotencyKey(String value) {

    /** The longest key, so that a key fits the store's column and no client can make it hold more. */
    public static final int MAX_LENGTH = 255;

    /** What a key may be, in the words of the answer to one that is not. */
    public static final String RULE = "Must be 1 to " + MAX_LENGTH + " visible ASCII characters";

    public IdempotencyKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException(RULE);
        }
    }

    /**
     * The key of a request's header, if it has one.
     *
     * @param header the header's value, {@code null} when the request has none
     * @throws Invalid ({@code 422}, at the header) when the value is not a key
     */
    public static Optional<IdempotencyKey> fromHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!isValid(header)) {
            throw Invalid.at("header", ApiHeaders.IDEMPOTENCY_KEY, RULE, header);
        }
        return Optional.of(new IdempotencyKey(header));
    }

    /** Whether {@code value} is a key: 1 to {@value #MAX_LENGTH} characters, each {@code !} to {@code ~}. */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
