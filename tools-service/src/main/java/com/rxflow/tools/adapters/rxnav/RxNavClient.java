package com.rxflow.tools.adapters.rxnav;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.rxflow.tools.adapters.AdapterProperties;
import com.rxflow.tools.adapters.JsonHttp;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolFailure;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three RxNav (RxNorm REST API, National Library of Medicine) calls the tools need:
 * approximate term matching, a concept's related ingredient / brand / clinical-drug concepts, and
 * a concept's properties. Timeouts come from the endpoint's settings; a slow or failing RxNav is
 * a retryable UNAVAILABLE failure.
 */
public final class RxNavClient {

    private final JsonHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    public RxNavClient(AdapterProperties.Endpoint endpoint) {
        this.http = new JsonHttp(endpoint, "application/json");
    }

    public String baseUrl() {
        return http.baseUrl().toString();
    }

    /** {@code GET /approximateTerm.json?term=…&maxEntries=…}: candidates, best rank first. */
    public List<Candidate> approximateTerm(String term, int maxEntries) {
        JsonNode body = read(http.get("/approximateTerm.json?term=" + encode(term) + "&maxEntries=" + maxEntries));
        List<Candidate> candidates = new ArrayList<>();
        for (JsonNode candidate : body.path("approximateGroup").path("candidate")) {
            candidates.add(new Candidate(candidate.path("rxcui").asString(), candidate.path("name").asString(""),
                    candidate.path("score").asDouble(0), candidate.path("rank").asInt(Integer.MAX_VALUE)));
        }
        return candidates;
    }

    /** {@code GET /rxcui/{rxcui}/related.json?tty=IN+BN+SCD}: the concept's ingredient, brands and clinical drugs. */
    public List<Concept> related(String rxcui) {
        JsonNode body = read(http.get("/rxcui/" + encode(rxcui) + "/related.json?tty=IN+BN+SCD"));
        List<Concept> concepts = new ArrayList<>();
        for (JsonNode group : body.path("relatedGroup").path("conceptGroup")) {
            for (JsonNode concept : group.path("conceptProperties")) {
                concepts.add(concept(concept));
            }
        }
        return concepts;
    }

    /** {@code GET /rxcui/{rxcui}/properties.json}: the concept's name and term type, if it exists. */
    public Optional<Concept> properties(String rxcui) {
        JsonNode properties = read(http.get("/rxcui/" + encode(rxcui) + "/properties.json")).path("properties");
        return properties.isMissingNode() || properties.isNull() ? Optional.empty() : Optional.of(concept(properties));
    }

    private static Concept concept(JsonNode node) {
        return new Concept(node.path("rxcui").asString(), node.path("name").asString(), node.path("tty").asString());
    }

    private JsonNode read(Optional<String> body) {
        if (body.isEmpty()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body.get());
        } catch (JacksonException e) {
            throw new ToolFailure(FailureCode.UNAVAILABLE, "RxNav answered something that is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An approximate match: RxNav's score (higher is closer) and rank (1 is best). */
    public record Candidate(String rxcui, String name, double score, int rank) {
    }

    /** An RxNorm concept: id, name and term type (IN ingredient, BN brand, SCD clinical drug…). */
    public record Concept(String rxcui, String name, String tty) {
    }
}
