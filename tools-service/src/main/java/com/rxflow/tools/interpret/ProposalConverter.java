package com.rxflow.tools.interpret;

import java.util.Iterator;
import java.util.Map;

import org.springframework.ai.converter.BeanOutputConverter;

import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolFailure;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Spring AI's {@link BeanOutputConverter} for {@link ModelProposal}, with two differences: its
 * schema keeps to what OpenAI's strict structured output accepts (no {@code format} on numbers,
 * which the generator adds and OpenAI does not list among the keywords it supports), and an answer
 * that is not JSON of that shape fails as {@code MODEL_INVALID_OUTPUT} rather than with whatever
 * the JSON parser threw. The reason names the kind of error only, never the answer's text, which
 * may quote the patient.
 */
final class ProposalConverter extends BeanOutputConverter<ModelProposal> {

    ProposalConverter() {
        super(ModelProposal.class);
    }

    @Override
    protected String generateSchema() {
        JsonMapper mapper = JsonMapper.shared();
        ObjectNode schema = (ObjectNode) mapper.readTree(super.generateSchema());
        for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
            if (property.getValue() instanceof ObjectNode node && numeric(node.get("type"))) {
                node.remove("format");
            }
        }
        return schema.toPrettyString();
    }

    @Override
    public ModelProposal convert(String text) {
        ModelProposal proposal;
        try {
            proposal = super.convert(text);
        } catch (RuntimeException e) {
            throw new ToolFailure(FailureCode.MODEL_INVALID_OUTPUT,
                    "the model's answer is not JSON of the requested shape (" + e.getClass().getSimpleName() + ")");
        }
        if (proposal == null || proposal.intent() == null || proposal.intent().isBlank()) {
            throw new ToolFailure(FailureCode.MODEL_INVALID_OUTPUT, "the model's answer names no intent");
        }
        if (proposal.medications() == null || proposal.medications().stream().anyMatch(name -> name == null || name.isBlank())) {
            throw new ToolFailure(FailureCode.MODEL_INVALID_OUTPUT,
                    "the model's answer has no list of medications, or an empty name in it");
        }
        return proposal;
    }

    private static boolean numeric(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isString()) {
            return isNumber(type.asString());
        }
        for (Iterator<JsonNode> types = type.iterator(); types.hasNext(); ) {
            if (isNumber(types.next().asString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String type) {
        return "number".equals(type) || "integer".equals(type);
    }
}
