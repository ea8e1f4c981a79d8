package com.rxflow.tools.adapters.fhir;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import com.rxflow.tools.adapters.AdapterProperties;
import com.rxflow.tools.adapters.JsonHttp;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolFailure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;

/**
 * Reads and searches a FHIR R4 server over its REST API (JSON), parsing with HAPI FHIR's R4
 * model. Searches follow the Bundle's {@code next} links up to a page limit, so a long history
 * cannot hold a tool forever; every request has the endpoint's timeouts.
 */
public final class FhirClient {

    static final int MAX_PAGES = 10;

    private final JsonHttp http;
    private final IParser parser;

    public FhirClient(AdapterProperties.Endpoint endpoint) {
        this.http = new JsonHttp(endpoint, "application/fhir+json");
        this.parser = FhirContext.forR4Cached().newJsonParser();
    }

    public String baseUrl() {
        return http.baseUrl().toString();
    }

    /** {@code GET [base]/[type]/[id]}, or empty when the server has no such resource. */
    public <T extends Resource> Optional<T> read(Class<T> type, String id) {
        return http.get("/" + type.getSimpleName() + "/" + encode(id)).map(body -> parse(type, body));
    }

    /** {@code GET [base]/[type]?[name]=[value]…}, every page's matches of that type. */
    public <T extends Resource> List<T> search(Class<T> type, String... nameValues) {
        StringBuilder query = new StringBuilder("/" + type.getSimpleName() + "?");
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            query.append(i == 0 ? "" : "&").append(encode(nameValues[i])).append('=').append(encode(nameValues[i + 1]));
        }
        List<T> found = new ArrayList<>();
        Optional<String> page = http.get(query.toString());
        for (int pages = 0; page.isPresent() && pages < MAX_PAGES; pages++) {
            Bundle bundle = parse(Bundle.class, page.get());
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (type.isInstance(entry.getResource())) {
                    found.add(type.cast(entry.getResource()));
                }
            }
            Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
            page = next == null ? Optional.empty() : http.getAbsolute(URI.create(next.getUrl()));
        }
        return found;
    }

    private <T extends Resource> T parse(Class<T> type, String body) {
        try {
            return parser.parseResource(type, body);
        } catch (DataFormatException e) {
            throw new ToolFailure(FailureCode.UNAVAILABLE, "the FHIR server answered something that is not a "
                    + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
