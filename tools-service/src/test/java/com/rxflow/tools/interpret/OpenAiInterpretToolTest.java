package com.rxflow.tools.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;

/** The interpret tool against a fake OpenAI chat-completions endpoint (any OpenAI-compatible server). */
class OpenAiInterpretToolTest extends LanguageModelContractTest {

    @Override
    String provider() {
        return "openai";
    }

    @Override
    String baseUrl(String server) {
        return server + "/v1";
    }

    @Override
    String chatPath() {
        return "/v1/chat/completions";
    }

    @Override
    String reportedModel() {
        return "gpt-4o-mini-2024-07-18";
    }

    @Override
    String answer(String content) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1767225600,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},
                             "finish_reason":"stop","logprobs":null}],
                 "usage":{"prompt_tokens":180,"completion_tokens":30,"total_tokens":210}}"""
                .formatted(reportedModel(), quoted(content));
    }

    /** A strict JSON schema as response_format, the configured model, temperature and token cap, the key. */
    @Override
    void assertRequestShape(LoggedRequest request, JsonNode body) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer test-key");
        assertThat(body.get("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.1);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(256);
        JsonNode format = body.get("response_format");
        assertThat(format.get("type").asString()).isEqualTo("json_schema");
        assertThat(format.get("json_schema").get("strict").asBoolean()).isTrue();
        JsonNode schema = format.get("json_schema").get("schema");
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(schema.get("required")).hasSize(6);
        assertThat(body.get("messages")).hasSize(2);
    }
}
