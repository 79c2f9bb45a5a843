package org.jobstream.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error the API reports as {@code {"detail": ...}} with a status code: every domain error that
 * reaches a controller is one of these (or {@link org.jobstream.access.AccessDeniedException}).
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final transient Object detail;
    private final Map<String, String> headers = new LinkedHashMap<>();

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

    /**
     * A {@code 422} in FastAPI's shape, {@code {"detail": [{"type", "loc", "msg", "input"}]}}: a
     * value of the request that does not validate.
     *
     * @param location where the value is: {@code "body"}, {@code "query"}, {@code "path"}, {@code "header"}
     * @param name     the value's name there
     * @param message  what is wrong with it
     * @param input    the value as given
     */
    public static ApiException invalid(String location, String name, String message, Object input) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "value_error");
        error.put("loc", List.of(location, name));
        error.put("msg", message);
        error.put("input", input);
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, List.of(error));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail);
    }

    /** Adds a header to the error answer, e.g. the position of events the failed request still appended. */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public Object detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
