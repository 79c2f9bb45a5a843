package org.jobstream.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jobstream.errors.Conflict;
import org.jobstream.errors.Invalid;
import org.jobstream.errors.NotFound;
import org.jobstream.errors.Refused;
import org.jobstream.errors.TooLarge;
import org.jobstream.errors.Unavailable;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Every 422 leaves in FastAPI's list shape, whoever raised it. */
@SuppressWarnings("unchecked")
class ApiErrorsTest {

    private final ApiErrorsConfiguration.ApiErrors errors = new ApiErrorsConfiguration.ApiErrors();

    @Test
    void a422WithATextDetailIsAnsweredAsFastApisList() {
        ResponseEntity<Map<String, Object>> answer = errors.api(
                new Invalid("job_ids is required"));

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(answer.getBody().get("detail")).isInstanceOfSatisfying(List.class, list -> {
            assertThat(list).hasSize(1);
            assertThat((Map<Object, Object>) list.get(0)).containsEntry("msg", "job_ids is required")
                    .containsEntry("type", "value_error").containsEntry("loc", List.of("body")).containsKey("input");
        });
    }

    @Test
    void a422ThatIsAlreadyAListKeepsItsEntries() {
        ResponseEntity<Map<String, Object>> answer = errors.api(
                Invalid.at("header", "X-Jobstream-Position", "Must be a non-negative integer", "-1"));

        assertThat(answer.getBody().get("detail")).isInstanceOfSatisfying(List.class, list ->
                assertThat((Map<Object, Object>) list.get(0)).containsEntry("loc", List.of("header", "X-Jobstream-Position"))
                        .containsEntry("input", "-1"));
    }

    @Test
    void otherErrorsKeepATextDetail() {
        ResponseEntity<Map<String, Object>> answer = errors.api(new Refused("Sandbox not found"));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).containsEntry("detail", "Sandbox not found");
    }

    @Test
    void aRefusalAfterAppendingSaysUpToWhere() {
        ResponseEntity<Map<String, Object>> answer = errors.api(new Refused("no job rescheduled").afterAppendingUpTo(42));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getHeaders().getFirst("X-Jobstream-Position")).isEqualTo("42");
    }

    @Test
    void everyKindOfRefusalHasItsStatus() {
        assertThat(ApiErrorsConfiguration.ApiErrors.status(new NotFound("x")).value()).isEqualTo(404);
        assertThat(ApiErrorsConfiguration.ApiErrors.status(new TooLarge("x")).value()).isEqualTo(413);
        assertThat(ApiErrorsConfiguration.ApiErrors.status(new Conflict("x")).value()).isEqualTo(409);
        assertThat(ApiErrorsConfiguration.ApiErrors.status(new Unavailable("x")).value()).isEqualTo(503);
        assertThat(errors.api(new Unavailable("x")).getHeaders().getFirst("Retry-After")).isEqualTo("1");
    }

    @Test
    void constraintsAreSaidInPydanticsWords() {
        assertThat(ApiErrorsConfiguration.ApiErrors.pydanticWords("must be greater than or equal to 1"))
                .isEqualTo("Input should be greater than or equal to 1");
        assertThat(ApiErrorsConfiguration.ApiErrors.constraintType(new String[]{"Min.search.perPage", "Min"}))
                .isEqualTo("greater_than_equal");
        assertThat(ApiErrorsConfiguration.ApiErrors.constraintType(new String[]{"Pattern"})).isEqualTo("string_pattern_mismatch");
        assertThat(ApiErrorsConfiguration.ApiErrors.constraintType(null)).isEqualTo("value_error");
    }
}
