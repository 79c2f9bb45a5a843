package org.jobstream.web;

import java.util.Optional;

/**
 * Finds JSON text that no store can keep faithfully, in a request body as sent: a {@code \\u}
 * escape of a lone UTF-16 surrogate (half of a character: UTF-8, PostgreSQL and Elasticsearch
 * would store a {@code ?} instead) or of NUL (PostgreSQL refuses it in text). Raw bytes cannot
 * carry either in valid UTF-8 JSON, so the escapes are all there is to look at. Pure.
 */
final class JsonText {

    private JsonText() {
    }

    /** Why the body cannot be taken, or empty when its text is fine. */
    static Optional<String> problem(byte[] body) {
        int pendingHigh = -1;
        for (int i = 0; i < body.length; i++) {
            if (body[i] != '\\' || i + 1 >= body.length) {
                if (pendingHigh >= 0) {
                    return Optional.of(loneSurrogate(pendingHigh));
                }
                continue;
            }
            if (body[++i] != 'u') {
                if (pendingHigh >= 0) {
                    return Optional.of(loneSurrogate(pendingHigh));
                }
                continue;
            }
            int unit = hex(body, i + 1);
            if (unit < 0) {
                return Optional.of("Invalid \\u escape in the JSON text");
            }
            i += 4;
            boolean low = unit >= 0xDC00 && unit <= 0xDFFF;
            if (pendingHigh >= 0 && !low) {
                return Optional.of(loneSurrogate(pendingHigh));
            }
            if (unit == 0) {
                return Optional.of("The text holds a NUL character (\\u0000), which cannot be stored");
            }
            if (low && pendingHigh < 0) {
                return Optional.of(loneSurrogate(unit));
            }
            pendingHigh = unit >= 0xD800 && unit <= 0xDBFF ? unit : -1;
        }
        return pendingHigh >= 0 ? Optional.of(loneSurrogate(pendingHigh)) : Optional.empty();
    }

    private static String loneSurrogate(int unit) {
        return String.format("The text is not valid Unicode: \\u%04x is half of a character (a lone surrogate)", unit);
    }

    private static int hex(byte[] body, int from) {
        if (from + 4 > body.length) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(body[i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
