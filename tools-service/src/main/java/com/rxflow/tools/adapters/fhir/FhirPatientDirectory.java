package com.rxflow.tools.adapters.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;

import com.rxflow.tools.geo.Address;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.medication.Strengths;
import com.rxflow.tools.patient.Fill;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.patient.Prescription;
import com.rxflow.tools.records.RelativeDate;
import com.rxflow.tools.registry.Provenance;

/**
 * Patients from a pharmacy's or an EHR's FHIR R4 server instead of the bundled file. One
 * patient is four reads: {@code Patient/[id]}; active {@code MedicationRequest}s (the
 * prescriptions: RxNorm code, directions, quantity, days supply, refills authorised, validity,
 * prescriber); their {@code MedicationDispense}s (the fills adherence is computed from; refills
 * left = refills authorised minus dispenses after the first); and {@code AllergyIntolerance}s.
 *
 * <p>RxNorm codes are matched to the catalogue (a clinical-drug code gives the drug and the
 * strength); a drug the catalogue does not know keeps its name and strength from the text. The
 * insurance plan is read from a Patient identifier with system {@value #PLAN_SYSTEM}; address
 * coordinates from the standard geolocation extension.
 */
public final class FhirPatientDirectory implements PatientDirectory {

    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String PLAN_SYSTEM = "urn:rxflow:insurance-plan";
    static final String GEOLOCATION = "http://hl7.org/fhir/StructureDefinition/geolocation";
    private static final Pattern STRENGTH = Pattern.compile("(\\d[\\d.]*\\s*(?:MG|MCG|G|ML))(?:\\s*/\\s*(\\d[\\d.]*\\s*(?:MG|MCG|G|ML)))?",
            Pattern.CASE_INSENSITIVE);

    private final FhirClient fhir;
    private final DrugCatalogue catalogue;

    public FhirPatientDirectory(FhirClient fhir, DrugCatalogue catalogue) {
        this.fhir = fhir;
        this.catalogue = catalogue;
    }

    @Override
    public Optional<Patient> find(String patientId) {
        Optional<org.hl7.fhir.r4.model.Patient> found = fhir.read(org.hl7.fhir.r4.model.Patient.class, patientId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        org.hl7.fhir.r4.model.Patient patient = found.get();
        List<MedicationDispense> dispenses = fhir.search(MedicationDispense.class, "patient", patientId);
        List<Prescription> prescriptions = fhir.search(MedicationRequest.class, "patient", patientId, "status", "active")
                .stream().map(request -> prescription(request, dispenses)).toList();
        List<String> allergies = fhir.search(AllergyIntolerance.class, "patient", patientId).stream()
                .filter(FhirPatientDirectory::active)
                .map(allergy -> text(allergy.getCode()).toLowerCase(Locale.ROOT))
                .filter(text -> !text.isBlank())
                .toList();
        return Optional.of(new Patient(patientId, name(patient), birthDate(patient), plan(patient), address(patient),
                patient.getTelecomFirstRep().getValue(), allergies, List.of(), prescriptions, List.of()));
    }

    private Prescription prescription(MedicationRequest request, List<MedicationDispense> dispenses) {
        CodeableConcept medication = request.hasMedicationCodeableConcept() ? request.getMedicationCodeableConcept()
                : new CodeableConcept();
        Optional<DrugCatalogue.Coded> coded = medication.getCoding().stream()
                .filter(coding -> RXNORM.equals(coding.getSystem()))
                .map(Coding::getCode)
                .map(catalogue::byRxcui).flatMap(Optional::stream).findFirst();
        String text = text(medication);
        String name = coded.map(c -> c.drug().genericName()).orElseGet(() -> firstWord(text));
        String strength = coded.map(DrugCatalogue.Coded::strength).filter(s -> s != null).orElseGet(() -> strengthIn(text));
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
        int quantity = dispense.hasQuantity() ? dispense.getQuantity().getValue().intValue() : 30;
        int daysSupply = dispense.hasExpectedSupplyDuration() ? dispense.getExpectedSupplyDuration().getValue().intValue() : 30;
        String reference = "MedicationRequest/" + request.getIdElement().getIdPart();
        List<Fill> fills = dispenses.stream()
                .filter(d -> d.getAuthorizingPrescription().stream().map(Reference::getReference).anyMatch(reference::equals))
                .filter(MedicationDispense::hasWhenHandedOver)
                .sorted(Comparator.comparing(MedicationDispense::getWhenHandedOver))
                .map(d -> new Fill(RelativeDate.of(date(d.getWhenHandedOver())),
                        d.hasQuantity() ? d.getQuantity().getValue().intValue() : quantity,
                        d.hasDaysSupply() ? d.getDaysSupply().getValue().intValue() : daysSupply))
                .toList();
        int authorised = dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : 0;
        int refillsLeft = Math.max(0, authorised - Math.max(0, fills.size() - 1));
        return new Prescription(coded.map(c -> c.drug().id()).orElse(null), name, strength,
                null, request.getDosageInstructionFirstRep().getText(),
                request.hasReasonCode() ? text(request.getReasonCodeFirstRep()) : null,
                quantity, daysSupply, refillsLeft, request.getRequester().getDisplay(), null,
                request.hasAuthoredOn() ? RelativeDate.of(date(request.getAuthoredOn())) : null,
                dispense.hasValidityPeriod() && dispense.getValidityPeriod().hasEnd()
                        ? RelativeDate.of(date(dispense.getValidityPeriod().getEnd())) : null,
                false, fills);
    }

    private static boolean active(AllergyIntolerance allergy) {
        return !allergy.hasClinicalStatus() || allergy.getClinicalStatus().getCoding().stream()
                .anyMatch(coding -> "active".equals(coding.getCode()));
    }

    private static String name(org.hl7.fhir.r4.model.Patient patient) {
        HumanName name = patient.getNameFirstRep();
        if (name.hasText()) {
            return name.getText();
        }
        String given = name.getGiven().stream().map(g -> g.getValue()).collect(Collectors.joining(" "));
        String full = (given + " " + (name.hasFamily() ? name.getFamily() : "")).strip();
        return full.isEmpty() ? patient.getIdElement().getIdPart() : full;
    }

    private static LocalDate birthDate(org.hl7.fhir.r4.model.Patient patient) {
        return patient.hasBirthDate() ? date(patient.getBirthDate()) : LocalDate.of(1900, 1, 1);
    }

    private static String plan(org.hl7.fhir.r4.model.Patient patient) {
        return patient.getIdentifier().stream().filter(id -> PLAN_SYSTEM.equals(id.getSystem()))
                .map(Identifier::getValue).findFirst().orElse(null);
    }

    private static Address address(org.hl7.fhir.r4.model.Patient patient) {
        if (!patient.hasAddress()) {
            return null;
        }
        org.hl7.fhir.r4.model.Address address = patient.getAddressFirstRep();
        Extension geolocation = address.getExtensionByUrl(GEOLOCATION);
        if (geolocation == null || !address.hasPostalCode()) {
            return null;
        }
        Map<String, BigDecimal> point = geolocation.getExtension().stream().collect(Collectors.toMap(
                Extension::getUrl, e -> ((org.hl7.fhir.r4.model.DecimalType) e.getValue()).getValue()));
        if (!point.containsKey("latitude") || !point.containsKey("longitude")) {
            return null;
        }
        return new Address(address.getLine().isEmpty() ? "" : address.getLine().get(0).getValue(), address.getCity(),
                address.getState(), address.getPostalCode(), point.get("latitude").doubleValue(),
                point.get("longitude").doubleValue());
    }

    private static String text(CodeableConcept concept) {
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().map(Coding::getDisplay).filter(d -> d != null).findFirst().orElse("");
    }

    private static String firstWord(String text) {
        String[] words = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        return words.length == 0 || words[0].isEmpty() ? "unknown" : words[0];
    }

    private static String strengthIn(String text) {
        Matcher matcher = STRENGTH.matcher(text);
        if (!matcher.find()) {
            return "unknown";
        }
        return Strengths.normalize(matcher.group(2) == null ? matcher.group(1) : matcher.group(1) + "/" + matcher.group(2));
    }

    private static LocalDate date(Date date) {
        return date.toInstant().atZone(ZoneId.of("UTC")).toLocalDate();
    }

    @Override
    public Provenance provenance() {
        return new Provenance("fhir:" + fhir.baseUrl(), "R4");
    }
}
