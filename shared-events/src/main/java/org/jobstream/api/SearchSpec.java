package org.jobstream.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One search filter: {@code {"parameter", "operator", "value"}} for the scalar operators
 * ({@code eq, neq, gt, lt, like, not like, regex}) or {@code {"parameter", "operator", "values"}}
 * for the vector ones ({@code in, not in}). Values are strings or numbers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchSpec(String parameter, String operator, Object value, List<Object> values) {

    public static SearchSpec scalar(String parameter, String operator, Object value) {
        return new SearchSpec(parameter, operator, value, null);
    }

    public static SearchSpec vector(String parameter, String operator, List<?> values) {
        return new SearchSpec(parameter, operator, null, List.copyOf(values));
    }
}
