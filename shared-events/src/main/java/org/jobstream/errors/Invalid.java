package org.jobstream.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value of the request that does not validate ({@code 422}), described as FastAPI describes it:
 * a list of {@code {"type", "loc", "msg", "input"}}, which DiracX's clients read.
 */
public final class Invalid extends RequestError {

    /** A value of the request body that the logic found invalid. */
    public Invalid(String message) {
        this("body", null, message, null);
    }

    private Invalid(String location, String name, String message, Object input) {
        super(message, List.of(entry("value_error", name == null ? List.of(location) : List.of(location, name), message, input)));
    }

    /**
     * @param location where the value is: {@code "body"}, {@code "query"}, {@code "path"}, {@code "header"}
     * @param name     the value's name there
     * @param message  what is wrong with it
     * @param input    the value as given
     */
    public static Invalid at(String location, String name, String message, Object input) {
        return new Invalid(location, name, message, input);
    }

    /** FastAPI's entries, each {@code {"type", "loc", "msg", "input"}}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> errors() {
        return (List<Map<String, Object>>) detail();
    }

    /** One of FastAPI's entries: pydantic's error {@code type}, where the value is, what is wrong, the value. */
    public static Map<String, Object> entry(String type, List<?> loc, String msg, Object input) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("loc", List.copyOf(loc));
        error.put("msg", msg == null ? "Invalid value" : msg);
        error.put("input", input);
        return error;
    }
}
