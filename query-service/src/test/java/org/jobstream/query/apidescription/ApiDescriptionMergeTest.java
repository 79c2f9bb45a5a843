package org.jobstream.query.apidescription;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.junit.jupiter.api.Test;

class ApiDescriptionMergeTest {

    @Test
    void aPathOfBothServicesKeepsTheOperationsOfEach() {
        OpenAPI queries = new OpenAPI().paths(new Paths()
                .addPathItem("/api/jobs/{job_id}/sandbox", new PathItem().get(new Operation().operationId("read"))))
                .components(new Components().addSchemas("Shared", new StringSchema()));
        OpenAPI commands = new OpenAPI().paths(new Paths()
                .addPathItem("/api/jobs/{job_id}/sandbox", new PathItem().delete(new Operation().operationId("unassign")))
                .addPathItem("/api/jobs/jdl", new PathItem().post(new Operation().operationId("submit"))))
                .components(new Components().addSchemas("Shared", new ObjectSchema()).addSchemas("Theirs", new ObjectSchema()));

        ApiDescriptionMerge.merge(queries, commands);

        PathItem sandbox = queries.getPaths().get("/api/jobs/{job_id}/sandbox");
        assertThat(sandbox.getGet().getOperationId()).isEqualTo("read");
        assertThat(sandbox.getDelete().getOperationId()).isEqualTo("unassign");
        assertThat(queries.getPaths()).containsKey("/api/jobs/jdl");
        assertThat(queries.getComponents().getSchemas()).containsOnlyKeys("Shared", "Theirs");
        assertThat(queries.getComponents().getSchemas().get("Shared")).isInstanceOf(StringSchema.class);
    }
}
