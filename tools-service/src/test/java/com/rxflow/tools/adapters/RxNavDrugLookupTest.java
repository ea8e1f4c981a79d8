package com.rxflow.tools.adapters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.rxflow.events.tools.DrugCandidate;
import com.rxflow.events.tools.DrugLookup;
import com.rxflow.tools.adapters.rxnav.RxNavClient;
import com.rxflow.tools.adapters.rxnav.RxNavDrugLookup;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolFailure;

/** The RxNav adapter against a local fake RxNav serving recorded RxNorm REST responses. */
class RxNavDrugLookupTest {

    private final WireMockServer rxnav = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private RxNavClient client;

    @BeforeEach
    void start() {
        rxnav.start();
        client = new RxNavClient(Recorded.endpoint(rxnav.baseUrl() + "/REST", Duration.ofSeconds(10)));
        rxnav.stubFor(get(urlPathEqualTo("/REST/approximateTerm.json")).withQueryParam("term", equalTo("omeprazol"))
                .willReturn(okJson(Recorded.body("rxnav/approximateTerm-omeprazol.json"))));
        for (String rxcui : new String[] {"7646", "203345", "283742"}) {
            rxnav.stubFor(get(urlPathEqualTo("/REST/rxcui/" + rxcui + "/related.json")).withQueryParam("tty", equalTo("IN BN SCD"))
                    .willReturn(okJson(Recorded.body("rxnav/related-" + rxcui + ".json"))));
        }
        rxnav.stubFor(get(urlPathEqualTo("/REST/rxcui/198053/properties.json"))
                .willReturn(okJson(Recorded.body("rxnav/properties-198053.json"))));
        rxnav.stubFor(get(urlPathEqualTo("/REST/rxcui/999999999/properties.json")).willReturn(okJson("{}")));
    }

    @AfterEach
    void stop() {
        rxnav.stop();
    }

    @Test
    void aMisspellingIsRankedByRxNavAndEachCandidateMergedIntoItsIngredient() {
        DrugLookup lookup = new RxNavDrugLookup(client).lookup("omeprazol", 5);

        assertThat(lookup.getCandidates()).extracting(DrugCandidate::getGenericName).containsExactly("omeprazole", "esomeprazole");
        DrugCandidate omeprazole = lookup.getCandidates().get(0);
        assertThat(omeprazole.getRxcui()).isEqualTo("7646");
        assertThat(omeprazole.getBrandNames()).containsExactly("Prilosec");
        assertThat(omeprazole.getStrengths()).containsExactly("10mg", "20mg", "40mg");
        assertThat(omeprazole.getForms()).containsExactly("delayed release oral capsule");
        assertThat(omeprazole.getScore()).isEqualTo(0.95);
        assertThat(lookup.getCandidates().get(1).getScore()).isLessThan(omeprazole.getScore());
        assertThat(lookup.getCandidates().get(1).getBrandNames()).containsExactly("Nexium");
    }

    @Test
    void propertiesNameAConceptOrNothing() {
        assertThat(client.properties("198053")).map(RxNavClient.Concept::name)
                .contains("omeprazole 20 MG Delayed Release Oral Capsule");
        assertThat(client.properties("999999999")).isEmpty();
    }

    @Test
    void aSlowOrFailingRxNavIsUnavailableAndRetryable() {
        rxnav.stubFor(get(urlPathEqualTo("/REST/approximateTerm.json")).withQueryParam("term", equalTo("slow"))
                .willReturn(okJson("{}").withFixedDelay(3_000)));
        rxnav.stubFor(get(urlPathEqualTo("/REST/approximateTerm.json")).withQueryParam("term", equalTo("down"))
                .willReturn(aResponse().withStatus(503)));

        RxNavClient impatient = new RxNavClient(Recorded.endpoint(rxnav.baseUrl() + "/REST", Duration.ofMillis(300)));
        ToolFailure slow = catchThrowableOfType(ToolFailure.class, () -> new RxNavDrugLookup(impatient).lookup("slow", 5));
        assertThat(slow.code()).isEqualTo(FailureCode.UNAVAILABLE);
        assertThat(slow.code().retryable()).isTrue();
        assertThat(slow.getMessage()).contains("timed out");
        assertThat(catchThrowableOfType(ToolFailure.class, () -> new RxNavDrugLookup(client).lookup("down", 5)).getMessage())
                .contains("503");
    }
}
