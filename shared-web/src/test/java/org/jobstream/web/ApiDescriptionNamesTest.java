package org.jobstream.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

class ApiDescriptionNamesTest {

    @Test
    void diracxRoutesGetDiracxOperationIdsTagsAndSchemaNames() {
        OpenAPI api = description();

        ApiDescriptionConfiguration.name(api);

        assertThat(api.getPaths().get("/api/jobs/jdl").getPost().getOperationId()).isEqualTo("jobs_submit_jdl_jobs");
        assertThat(api.getPaths().get("/api/jobs/jdl").getPost().getTags()).containsExactly("jobs");
        assertThat(api.getPaths().get("/api/jobs/jdl").getPost().getRequestBody().getContent().get("application/json")
                .getSchema().getItems().getType()).isEqualTo("string");
        assertThat(api.getPaths().get("/api/jobs/reschedule").getPost().getRequestBody().getContent()
                .get("application/json").getSchema().get$ref()).isEqualTo("#/components/schemas/Body_jobs_reschedule_jobs");
        assertThat(api.getPaths().get("/api/jobs/status").getPatch().getResponses().get("200").getContent()
                .get("application/json").getSchema().get$ref()).isEqualTo("#/components/schemas/SetJobStatusReturn");
        assertThat(api.getComponents().getSchemas()).containsOnlyKeys("Body_jobs_reschedule_jobs",
                "SetJobStatusReturn", "SetJobStatusReturnSuccess");
        assertThat(api.getTags()).extracting(t -> t.getName()).containsExactly("jobs");
    }

    @Test
    void aRouteOutsideTheTableIsNamedInTheSameStyleOnce() {
        OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/api/jobs/{job_id}/brand-new",
                new PathItem().get(new Operation().operationId("brandNewThing_1").responses(new ApiResponses()))));

        ApiDescriptionConfiguration.name(api);
        ApiDescriptionConfiguration.name(api);

        assertThat(api.getPaths().get("/api/jobs/{job_id}/brand-new").getGet().getOperationId())
                .isEqualTo("jobs_brand_new_thing");
    }

    @Test
    void namingTwiceChangesNothing() {
        OpenAPI once = description();
        ApiDescriptionConfiguration.name(once);
        String first = io.swagger.v3.core.util.Json.pretty(once);

        ApiDescriptionConfiguration.name(once);

        assertThat(io.swagger.v3.core.util.Json.pretty(once)).isEqualTo(first);
    }

    private static OpenAPI description() {
        Schema<?> jobIds = new ObjectSchema().addProperty("job_ids", new ArraySchema().items(new Schema<>().type("integer")));
        Schema<?> change = new ObjectSchema().addProperty("Status", new StringSchema());
        Schema<?> results = new ObjectSchema().addProperty("success",
                new ObjectSchema().additionalProperties(new Schema<>().$ref("#/components/schemas/JobStatusChange")));
        return new OpenAPI()
                .components(new Components().addSchemas("JobIds", jobIds).addSchemas("JobStatusChange", change)
                        .addSchemas("JobResultsJobStatusChange", results).addSchemas("Unused", new ObjectSchema()))
                .paths(new Paths()
                        .addPathItem("/api/jobs/jdl", new PathItem().post(new Operation().operationId("submit")
                                .requestBody(body(new ArraySchema().items(new StringSchema())))
                                .responses(new ApiResponses())))
                        .addPathItem("/api/jobs/reschedule", new PathItem().post(new Operation().operationId("reschedule")
                                .requestBody(body(new Schema<>().$ref("#/components/schemas/JobIds")))
                                .responses(new ApiResponses())))
                        .addPathItem("/api/jobs/status", new PathItem().patch(new Operation().operationId("setStatus")
                                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().content(new Content()
                                        .addMediaType("application/json", new MediaType().schema(
                                                new Schema<>().$ref("#/components/schemas/JobResultsJobStatusChange")))))))));
    }

    private static RequestBody body(Schema<?> schema) {
        return new RequestBody().content(new Content().addMediaType("application/json", new MediaType().schema(schema)));
    }
}
