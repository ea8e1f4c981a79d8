package com.rxflow.tools.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

import com.rxflow.tools.TestData;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.medication.DrugStrength;
import com.rxflow.tools.patient.Patient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The shipped data set loads; a broken one stops the service naming the file and the field. */
class BundledDataSetTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theShippedDataSetLoadsWithItsProvenance() {
        BundledDataSet data = TestData.shipped();

        assertThat(data.provenance().dataSource()).isEqualTo("bundled-demo-data");
        assertThat(data.provenance().dataVersion()).isEqualTo("2026.1+seed-45ffb70");
        assertThat(data.patients()).extracting(Patient::id).containsExactly("patient_001", "patient_002");
        assertThat(data.network().all()).hasSize(6);
        assertThat(data.plans().all()).hasSize(3);
        assertThat(data.catalogue().all()).extracting(Drug::id)
                .contains("hydrocodone-acetaminophen", "amoxicillin", "ibuprofen", "warfarin", "lorazepam");
    }

    @Test
    void everyDrugAndStrengthHasAnRxNormCodeAndItsSource() {
        assertThat(TestData.catalogue().all()).allSatisfy(drug -> {
            assertThat(drug.rxcui()).matches("\\d+");
            assertThat(drug.rxcuiSource()).isNotBlank();
            assertThat(drug.strengths()).allSatisfy(strength -> {
                assertThat(strength.rxcui()).matches("\\d+");
                assertThat(strength.rxcuiSource()).isNotBlank();
            });
        });
        assertThat(TestData.catalogue().all().stream().flatMap(d -> d.strengths().stream()).map(DrugStrength::rxcui))
                .as("one concept, one strength").doesNotHaveDuplicates();
    }

    @Test
    void aMissingFieldIsRefusedNamingTheFileAndTheField() {
        assertThatThrownBy(() -> loadWith("patients.json", root -> medication(root, 0, 1).remove("strength")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("patients.json")
                .hasMessageContaining("patients[0].medications[1].strength");
    }

    @Test
    void aDrugTheCatalogueDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> loadWith("patients.json", root -> medication(root, 1, 0).put("drug", "apixabam")))
                .hasMessageContaining("patients.json")
                .hasMessageContaining("patients[1].medications[0].drug names drug 'apixabam'");
    }

    @Test
    void aDateThatIsNeitherADateNorAnOffsetIsRefusedWhereItStands() {
        assertThatThrownBy(() -> loadWith("patients.json", root -> ((ObjectNode) medication(root, 0, 4).get("fills").get(0))
                .put("date", "four weeks ago")))
                .hasMessageContaining("patients.json")
                .hasMessageContaining("patients[0].medications[4].fills[0].date");
    }

    @Test
    void unreadableOpeningHoursAreRefused() {
        assertThatThrownBy(() -> loadWith("pharmacies.json", root -> ((ObjectNode) root.get("pharmacies").get(1).get("hours"))
                .put("Mon-Sun", "6AM-11PM")))
                .hasMessageContaining("pharmacies.json")
                .hasMessageContaining("pharmacies[1].hours");
    }

    @Test
    void aStockedStrengthTheCatalogueDoesNotListIsRefused() {
        assertThatThrownBy(() -> loadWith("pharmacies.json", root -> ((ObjectNode) root.get("pharmacies").get(0).get("inventory").get(0))
                .put("strength", "11mg")))
                .hasMessageContaining("pharmacies[0].inventory[0].strength is '11mg'");
    }

    @Test
    void aMalformedRxNormCodeIsRefused() {
        assertThatThrownBy(() -> loadWith("drugs.json", root -> ((ObjectNode) root.get("drugs").get(0).get("strengths").get(0))
                .put("rxcui", "RX-1")))
                .hasMessageContaining("drugs.json")
                .hasMessageContaining("drugs[0].strengths[0].rxcui");
    }

    @Test
    void filesOfDifferentReleasesAreRefused() {
        assertThatThrownBy(() -> loadWith("plans.json", root -> ((ObjectNode) root).put("version", "2025.9")))
                .hasMessageContaining("plans.json")
                .hasMessageContaining("version is '2025.9'");
    }

    private static ObjectNode medication(JsonNode root, int patient, int medication) {
        return (ObjectNode) root.get("patients").get(patient).get("medications").get(medication);
    }

    /** Loads a copy of the shipped data set (under target/) with one file changed. */
    private static BundledDataSet loadWith(String file, Consumer<JsonNode> change) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "data-cases", file + "-" + System.nanoTime()));
        for (String name : BundledDataSet.FILES) {
            try (InputStream in = new ClassPathResource("data/" + name).getInputStream()) {
                JsonNode root = JSON.readTree(in);
                if (name.equals(file)) {
                    change.accept(root);
                }
                Files.writeString(folder.resolve(name), JSON.writeValueAsString(root));
            }
        }
        return BundledDataSet.load(TestData.reader(), new FileSystemResource(folder.toString() + "/"));
    }

}
