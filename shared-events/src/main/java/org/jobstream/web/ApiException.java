package org.jobstream.web;

import org.springframework.http.HttpStatus;

/**
 * An error the API reports as {@code {"detail": ...}} with a status code: every domain error that
 * reaches a controller is one of these (or {@link org.jobstream.access.AccessDeniedException}).
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final transient Object detail;

    public ApiException(HttpStatus status, Object detail) {
        super(String.valueOf(detail));
        this.status = status;
        this.detail = detail;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail);
    }

    /** A 400 whose detail is a structured object, e.g. per-job results when none succeeded. */
    public static ApiException badRequestWith(Object detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public Object detail() {
        return detail;
    }
}
