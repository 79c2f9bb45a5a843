package org.jobstream.projections.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.jobstream.events.JobAttribute;
import org.junit.jupiter.api.Test;

/** The search index's definition follows the one definition of each job attribute. */
class JobIndexDefinitionTest {

    @Test
    void everyAttributeIsAFieldOfItsType() throws IOException {
        JsonNode properties;
        try (InputStream definition = JobIndex.class.getResourceAsStream("/elasticsearch/jobs-index.json")) {
            properties = new ObjectMapper().readTree(definition).at("/mappings/properties");
        }
        for (JobAttribute attribute : JobAttribute.values()) {
            String expected = switch (attribute.type()) {
                case STRING -> "keyword";
                case INTEGER -> "long";
                case DATETIME -> "date";
                case BOOLEAN -> "boolean";
            };
            // AccountedFlag is text ("True", "False", "Failed") answered as a boolean when it is one
            assertThat(properties.path(attribute.wireName()).path("type").asText()).as(attribute.wireName())
                    .isEqualTo(expected);
        }
    }
}
