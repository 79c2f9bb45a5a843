package org.jobstream.command.sandbox;

import java.util.Optional;

/**
 * What the store says about an object: its size and, when it was uploaded with one, its SHA-256
 * (base64 of the digest, as S3 reports {@code x-amz-checksum-sha256}).
 */
record StoredObject(long size, Optional<String> sha256Base64) {
}
