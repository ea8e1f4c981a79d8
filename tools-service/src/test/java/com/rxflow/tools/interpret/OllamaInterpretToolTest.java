package com.rxflow.tools.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;

/** The interpret tool against a fake Ollama {@code /api/chat}. */
class OllamaInterpretToolTest extends LanguageModelContractTest {

    @Override
    String provider() {
        return "ollama";
    }

    @Override
    String baseUrl(String server) {
        return server;
    }

    @Override
    String chatPath() {
        return "/api/chat";
    }

    @Override
    String reportedModel() {
        return "llama3.1:8b";
    }

    @Override
    String answer(String content) {
        return """
                {"model":"%s","created_at":"2026-01-01T00:00:00.000000Z",
                 "message":{"role":"assistant","content":%s},
                 "done":true,"done_reason":"stop","total_duration":812000000,"load_duration":1000000,
                 "prompt_eval_count":180,"prompt_eval_duration":200000000,"eval_count":30,"eval_duration":600000000}"""
                .formatted(reportedModel(), quoted(content));
    }

    /** The schema as Ollama's format, the model, temperature and token cap as options, no streaming. */
    @Override
    void assertRequestShape(LoggedRequest request, JsonNode body) {
        assertThat(body.get("model").asString()).isEqualTo("llama3.1:8b");
        assertThat(body.get("stream").asBoolean()).isFalse();
        assertThat(body.get("options").get("temperature").asDouble()).isEqualTo(0.1);
        assertThat(body.get("options").get("num_predict").asInt()).isEqualTo(256);
        JsonNode format = body.get("format");
        assertThat(format.get("type").asString()).isEqualTo("object");
        assertThat(format.get("required")).hasSize(6);
        assertThat(body.get("messages")).hasSize(2);
    }
}
