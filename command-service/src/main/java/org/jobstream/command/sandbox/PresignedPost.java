package org.jobstream.command.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser-style S3 upload: POST {@code multipart/form-data} to {@code url} with every field, in
 * this order, then the content as the part {@code file}.
 */
record PresignedPost(String url, Map<String, String> fields) {

    PresignedPost {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
