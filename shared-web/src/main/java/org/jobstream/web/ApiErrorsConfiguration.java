package org.jobstream.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jobstream.access.AccessDeniedException;
import org.jobstream.api.ApiHeaders;
import org.jobstream.errors.Conflict;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.NotFound;
import org.jobstream.errors.Refused;
import org.jobstream.errors.RequestError;
import org.jobstream.errors.TooLarge;
import org.jobstream.errors.Unavailable;
import org.jobstream.web.tracing.Spans;
import org.jobstream.web.tracing.TracingConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one mapping from errors to HTTP answers for every Jobstream web service, in DiracX's
 * shape: {@code {"detail": "..."}} for errors the API raises, and {@code 422} with FastAPI's list
 * {@code {"detail": [{"type", "loc", "msg", "input"}, ...]}} for a request that does not validate,
 * whatever found it (Spring's binding, bean validation, Jackson, or a controller's own
 * {@link Invalid}). DiracX's clients and tests read {@code detail[0]["msg"]}.
 */
@AutoConfiguration(after = TracingConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.validation.ConstraintViolationException")
public class ApiErrorsConfiguration {

    @Bean
    ApiErrors apiErrors() {
        return new ApiErrors();
    }

    /** Errors Tomcat answers before any route runs (a path it refuses) as JSON too. */
    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    /** The trace context of every request, first of all (see {@link TraceContextFilter}). */
    @Bean
    FilterRegistrationBean<TraceContextFilter> traceContextFilter(Spans spans) {
        FilterRegistrationBean<TraceContextFilter> registration = new FilterRegistrationBean<>(new TraceContextFilter(spans));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Refuses JSON bodies with text no store can keep (lone surrogates, NUL), on every route. */
    @Bean
    FilterRegistrationBean<TextCheckFilter> textCheckFilter(ObjectMapper mapper) {
        FilterRegistrationBean<TextCheckFilter> registration = new FilterRegistrationBean<>(new TextCheckFilter(mapper));
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    /**
     * Every answer is JSON, whatever the request accepts: a route that streams (text/event-stream)
     * refuses a bad request in JSON too.
     */
    @RestControllerAdvice
    static class ApiErrors {

        private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

        /** pydantic's words for a value that is not an integer, which DiracX's clients show. */
        static final String NOT_AN_INTEGER = "Input should be a valid integer, unable to parse string as an integer";

        /** The domain's refusals, each kind one status: the only place they meet HTTP. */
        @ExceptionHandler(RequestError.class)
        ResponseEntity<Map<String, Object>> api(RequestError e) {
            if (e instanceof Invalid invalid) {
                return invalid(invalid.errors());
            }
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(status(e)).contentType(MediaType.APPLICATION_JSON);
            if (e instanceof Refused refused) {
                refused.position().ifPresent(position -> answer.header(ApiHeaders.POSITION, Long.toString(position)));
            }
            if (e instanceof Unavailable) {
                answer.header(HttpHeaders.RETRY_AFTER, "1");
            }
            return answer.body(Map.of("detail", e.detail()));
        }

        static HttpStatus status(RequestError e) {
            if (e instanceof Refused) {
                return HttpStatus.BAD_REQUEST;
            } else if (e instanceof Invalid) {
                return HttpStatus.UNPROCESSABLE_ENTITY;
            } else if (e instanceof NotFound) {
                return HttpStatus.NOT_FOUND;
            } else if (e instanceof TooLarge) {
                return HttpStatus.PAYLOAD_TOO_LARGE;
            } else if (e instanceof Conflict) {
                return HttpStatus.CONFLICT;
            } else if (e instanceof Unavailable) {
                return HttpStatus.SERVICE_UNAVAILABLE;
            }
            throw new IllegalStateException("No status for " + e.getClass());
        }

        @ExceptionHandler(AccessDeniedException.class)
        ResponseEntity<Map<String, Object>> forbidden(AccessDeniedException e) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON).body(Map.of("detail", e.getMessage()));
        }

        @ExceptionHandler(HttpMessageNotReadableException.class)
        ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
            return invalid(List.of(BodyErrors.of(e)));
        }

        @ExceptionHandler(MethodArgumentNotValidException.class)
        ResponseEntity<Map<String, Object>> notValid(MethodArgumentNotValidException e) {
            List<Map<String, Object>> errors = new ArrayList<>();
            e.getBindingResult().getAllErrors().forEach(error -> {
                if (error instanceof FieldError field) {
                    errors.add(Invalid.entry("value_error", List.of("body", field.getField()),
                            field.getDefaultMessage(), field.getRejectedValue()));
                } else {
                    errors.add(Invalid.entry("value_error", List.of("body"), error.getDefaultMessage(), null));
                }
            });
            return invalid(errors);
        }

        @ExceptionHandler(HandlerMethodValidationException.class)
        ResponseEntity<Map<String, Object>> notValid(HandlerMethodValidationException e) {
            List<Map<String, Object>> errors = new ArrayList<>();
            e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                    errors.add(Invalid.entry(constraintType(error.getCodes()), where(result.getMethodParameter()),
                            pydanticWords(error.getDefaultMessage()), result.getArgument()))));
            if (errors.isEmpty()) {
                errors.add(Invalid.entry("value_error", List.of("query"), e.getMessage(), null));
            }
            return invalid(errors);
        }

        @ExceptionHandler(ConstraintViolationException.class)
        ResponseEntity<Map<String, Object>> notValid(ConstraintViolationException e) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
                String name = null;
                for (Path.Node node : violation.getPropertyPath()) {
                    name = node.getName();
                }
                errors.add(Invalid.entry(constraintType(new String[]{violation.getConstraintDescriptor()
                                .getAnnotation().annotationType().getSimpleName()}),
                        name == null ? List.of("query") : List.of("query", name),
                        pydanticWords(violation.getMessage()), violation.getInvalidValue()));
            }
            return invalid(errors);
        }

        @ExceptionHandler(MethodArgumentTypeMismatchException.class)
        ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
            Class<?> type = e.getParameter().nestedIfOptional().getNestedParameterType();
            boolean integral = type == long.class || type == int.class || type == Long.class || type == Integer.class;
            boolean time = java.time.temporal.Temporal.class.isAssignableFrom(type);
            String errorType = integral ? "int_parsing" : time ? "datetime_parsing" : "value_error";
            String message = integral ? NOT_AN_INTEGER
                    : time ? "Input should be a valid datetime with a time zone, e.g. 2026-01-01T00:00:00Z"
                    : "Input should be a valid " + readable(type);
            return invalid(List.of(Invalid.entry(errorType, where(e.getParameter()), message, e.getValue())));
        }

        @ExceptionHandler(MissingServletRequestParameterException.class)
        ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
            return invalid(List.of(Invalid.entry("missing", List.of("query", e.getParameterName()),
                    "Field required", null)));
        }

        @ExceptionHandler(MissingRequestHeaderException.class)
        ResponseEntity<Map<String, Object>> missing(MissingRequestHeaderException e) {
            return invalid(List.of(Invalid.entry("missing", List.of("header", e.getHeaderName()),
                    "Field required", null)));
        }

        @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
        ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_JSON).body(Map.of("detail", e.getMessage()));
        }

        @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
        ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).contentType(MediaType.APPLICATION_JSON).body(Map.of("detail", "Method Not Allowed"));
        }

        @ExceptionHandler(NoResourceFoundException.class)
        ResponseEntity<Map<String, Object>> noRoute(NoResourceFoundException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON).body(Map.of("detail", "Not Found"));
        }

        private static ResponseEntity<Map<String, Object>> invalid(List<?> errors) {
            log.debug("Invalid request: {}", errors);
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_JSON).body(Map.of("detail", errors));
        }

        /** FastAPI's {@code loc} of a controller parameter: where it is read from, and its name there. */
        static List<Object> where(MethodParameter parameter) {
            if (parameter == null) {
                return List.of("query");
            }
            PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
            if (path != null) {
                return List.of("path", named(path.name(), parameter));
            }
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (header != null) {
                return List.of("header", named(header.name(), parameter));
            }
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return List.of("body");
            }
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            return List.of("query", named(query == null ? "" : query.name(), parameter));
        }

        /** pydantic's error type for a Jakarta constraint (its name is the last of the error's codes). */
        static String constraintType(String[] codes) {
            String constraint = codes == null || codes.length == 0 ? "" : codes[codes.length - 1];
            return switch (constraint) {
                case "Min", "DecimalMin", "Positive", "PositiveOrZero" -> "greater_than_equal";
                case "Max", "DecimalMax", "Negative", "NegativeOrZero" -> "less_than_equal";
                case "Size" -> "string_too_long";
                case "Pattern" -> "string_pattern_mismatch";
                case "NotNull", "NotBlank", "NotEmpty" -> "missing";
                default -> "value_error";
            };
        }

        /** Jakarta's default messages ("must be greater than or equal to 1") as pydantic says them. */
        static String pydanticWords(String message) {
            if (message != null && message.startsWith("must be ")) {
                return "Input should be " + message.substring("must be ".length());
            }
            return message;
        }

        private static String named(String declared, MethodParameter parameter) {
            if (!declared.isEmpty()) {
                return declared;
            }
            String name = parameter.getParameterName();
            return name == null ? "value" : name;
        }

        private static String readable(Class<?> type) {
            return type == null ? "value" : type.getSimpleName();
        }
    }

    /** What Jackson could not read in a body, as pydantic would say it. */
    static final class BodyErrors {

        private BodyErrors() {
        }

        static Map<String, Object> of(HttpMessageNotReadableException e) {
            Throwable cause = e.getCause();
            if (cause == null) {
                // Spring's own: no body at all.
                return Invalid.entry("missing", List.of("body"), "Field required", null);
            }
            if (cause instanceof JsonMappingException mapping) {
                List<Object> loc = new ArrayList<>();
                loc.add("body");
                for (JsonMappingException.Reference reference : mapping.getPath()) {
                    loc.add(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
                }
                if (mapping instanceof UnrecognizedPropertyException extra) {
                    return Invalid.entry("extra_forbidden", loc, "Extra inputs are not permitted",
                            extra.getPropertyName());
                }
                if (mapping instanceof InvalidFormatException format) {
                    Class<?> target = format.getTargetType();
                    if (target != null && target.isEnum()) {
                        return Invalid.entry("enum", loc, "Input should be one of "
                                + List.of(target.getEnumConstants()), format.getValue());
                    }
                    if (target != null && (Number.class.isAssignableFrom(target) || target.isPrimitive())) {
                        return Invalid.entry("int_parsing", loc, ApiErrors.NOT_AN_INTEGER, format.getValue());
                    }
                    return Invalid.entry("value_error", loc, firstLine(format.getOriginalMessage()), format.getValue());
                }
                if (mapping instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
                    return Invalid.entry("value_error", loc, "Value error, "
                            + firstLine(instantiation.getCause().getMessage()), null);
                }
                if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                    return Invalid.entry(typeOf(mismatch.getTargetType()), loc,
                            "Input should be a valid " + kindOf(mismatch.getTargetType()), null);
                }
                return Invalid.entry("value_error", loc, firstLine(mapping.getOriginalMessage()), null);
            }
            if (cause instanceof JsonProcessingException parse) {
                return Invalid.entry("json_invalid", List.of("body"), "JSON decode error",
                        Map.of("error", firstLine(parse.getOriginalMessage())));
            }
            return Invalid.entry("value_error", List.of("body"), firstLine(String.valueOf(cause.getMessage())), null);
        }

        private static String typeOf(Class<?> target) {
            String kind = kindOf(target);
            return switch (kind) {
                case "list" -> "list_type";
                case "string" -> "string_type";
                case "integer" -> "int_type";
                case "number" -> "float_type";
                case "boolean" -> "bool_type";
                default -> "model_attributes_type";
            };
        }

        private static String kindOf(Class<?> target) {
            if (Collection.class.isAssignableFrom(target) || target.isArray()) {
                return "list";
            }
            if (CharSequence.class.isAssignableFrom(target)) {
                return "string";
            }
            if (target == long.class || target == int.class || target == Long.class || target == Integer.class) {
                return "integer";
            }
            if (target == double.class || target == Double.class || target == float.class || target == Float.class) {
                return "number";
            }
            if (target == boolean.class || target == Boolean.class) {
                return "boolean";
            }
            return "dictionary or object";
        }

        private static String firstLine(String text) {
            if (text == null) {
                return "Invalid request body";
            }
            int newline = text.indexOf('\n');
            return newline < 0 ? text : text.substring(0, newline);
        }
    }
}
