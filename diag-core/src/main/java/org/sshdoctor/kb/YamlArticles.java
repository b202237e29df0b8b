package org.sshdoctor.kb;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;

/**
 * Parses one knowledge-base YAML file, strictly (unknown fields and missing required values fail).
 * A class of its own so that loading {@link KnowledgeBase} from its compiled form does not load the
 * YAML parser at all.
 */
final class YamlArticles {
    private final ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    Article[] read(InputStream in) throws IOException {
        return yaml.readValue(in, Article[].class);
    }
}
