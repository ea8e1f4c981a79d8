package com.rxflow.tools.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.rxflow.tools.TestData;
import com.rxflow.tools.adapters.rxnav.RxNavClient;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.medication.DrugStrength;

/**
 * Checks every RxNorm code of the bundled catalogue against RxNav itself: the concept must exist
 * and its name must name the drug (and, for a strength, the strength). Needs network access, so it
 * is not part of the default run:
 *
 * <pre>./mvnw -q -pl tools-service -am verify -Dtest=RxNormCodesOnlineCheck -Drxflow.online=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "rxflow.online", matches = "true")
class RxNormCodesOnlineCheck {

    private final RxNavClient rxnav = new RxNavClient(new AdapterProperties.Endpoint(
            URI.create(System.getProperty("rxflow.rxnav", "https://rxnav.nlm.nih.gov/REST")), Duration.ofSeconds(5),
            Duration.ofSeconds(10)));

    @Test
    void everyCodeOfTheCatalogueIsTheRxNormConceptItClaimsToBe() {
        List<String> problems = new ArrayList<>();
        for (Drug drug : TestData.catalogue().all()) {
            check(drug.rxcui(), drug.genericName(), null, problems);
            for (DrugStrength strength : drug.strengths()) {
                check(strength.rxcui(), drug.genericName(), strength.strength(), problems);
            }
        }
        problems.forEach(System.out::println);
        assertThat(problems).isEmpty();
    }

    /** RxNorm writes 50mcg as "0.05 MG" and 10mg as "10 MG". */
    private static boolean names(String name, String strength) {
        BigDecimal amount = new BigDecimal(strength.replaceAll("[a-z]+", ""));
        BigDecimal milligrams = strength.endsWith("mcg") ? amount.movePointLeft(3) : amount;
        return name.contains(milligrams.stripTrailingZeros().toPlainString() + " mg");
    }

    private void check(String rxcui, String generic, String number, List<String> problems) {
        Optional<RxNavClient.Concept> concept = rxnav.properties(rxcui);
        if (concept.isEmpty()) {
            problems.add(rxcui + " (" + generic + "): no such RxNorm concept");
            return;
        }
        String name = concept.get().name().toLowerCase(Locale.ROOT);
        if (!name.contains(generic) || (number != null && !names(name, number.split("/")[0]))) {
            problems.add(rxcui + ": expected " + generic + (number == null ? "" : " " + number) + ", RxNorm says '"
                    + concept.get().name() + "' (" + concept.get().tty() + ")");
        }
    }
}
