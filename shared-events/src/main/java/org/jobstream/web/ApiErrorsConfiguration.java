package org.jobstream.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import org.jobstream.access.AccessDeniedException;
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
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one mapping from errors to HTTP answers for every Jobstream web service, in DiracX's
 * shape: {@code {"detail": "..."}} for errors the API raises, and {@code 422} with
 * {@code {"detail": [{"loc", "msg", "type"}]}} for a request that does not validate.
 */
@AutoConfiguration
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

    /** Refuses JSON bodies with text no store can keep (lone surrogates, NUL), on every route. */
    @Bean
    FilterRegistrationBean<TextCheckFilter> textCheckFilter(ObjectMapper mapper) {
        FilterRegistrationBean<TextCheckFilter> registration = new FilterRegistrationBean<>(new TextCheckFilter(mapper));
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    @RestControllerAdvice
    static class ApiErrors {

        private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

        @ExceptionHandler(ApiException.class)
        ResponseEntity<Map<String, Object>> api(ApiException e) {
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
            e.headers().forEach(answer::header);
            if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                answer.header(HttpHeaders.RETRY_AFTER, "1");
            }
            return answer.body(Map.of("detail", e.detail()));
        }

        @ExceptionHandler(AccessDeniedException.class)
        ResponseEntity<Map<String, Object>> forbidden(AccessDeniedException e) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("detail", e.getMessage()));
        }

        @ExceptionHandler(HttpMessageNotReadableException.class)
        ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
            String reason = e.getMostSpecificCause().getMessage();
            return invalid("body", reason == null ? "Invalid request body" : firstLine(reason), "json_invalid");
        }

        @ExceptionHandler(MethodArgumentNotValidException.class)
        ResponseEntity<Map<String, Object>> notValid(MethodArgumentNotValidException e) {
            return invalid("body", e.getBindingResult().getAllErrors().get(0).getDefaultMessage(), "value_error");
        }

        @ExceptionHandler(HandlerMethodValidationException.class)
        ResponseEntity<Map<String, Object>> notValid(HandlerMethodValidationException e) {
            return invalid("query", e.getAllErrors().get(0).getDefaultMessage(), "value_error");
        }

        @ExceptionHandler(ConstraintViolationException.class)
        ResponseEntity<Map<String, Object>> notValid(ConstraintViolationException e) {
            return invalid("query", e.getConstraintViolations().iterator().next().getPropertyPath() + ": "
                    + e.getConstraintViolations().iterator().next().getMessage(), "value_error");
        }

        @ExceptionHandler(MethodArgumentTypeMismatchException.class)
        ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
            return invalid("query", e.getName() + ": invalid value " + e.getValue(), "type_error");
        }

        @ExceptionHandler(MissingServletRequestParameterException.class)
        ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
            return invalid("query", "Field required: " + e.getParameterName(), "missing");
        }

        @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
        ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Map.of("detail", e.getMessage()));
        }

        @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
        ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(Map.of("detail", "Method Not Allowed"));
        }

        @ExceptionHandler(NoResourceFoundException.class)
        ResponseEntity<Map<String, Object>> noRoute(NoResourceFoundException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("detail", "Not Found"));
        }

        private static ResponseEntity<Map<String, Object>> invalid(String location, String message, String type) {
            log.debug("Invalid request ({}): {}", location, message);
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(Map.of("detail",
                    List.of(Map.of("loc", List.of(location), "msg", message, "type", type))));
        }

        private static String firstLine(String text) {
            int newline = text.indexOf('\n');
            return newline < 0 ? text : text.substring(0, newline);
        }
    }
}
