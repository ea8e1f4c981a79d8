package com.rxflow.processor.conversation;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolCompleted;
import com.rxflow.events.tool.ToolFailed;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.AdherenceQuery;
import com.rxflow.events.tools.AdherenceReport;
import com.rxflow.events.tools.AllergyCheck;
import com.rxflow.events.tools.AllergyCheckQuery;
import com.rxflow.events.tools.AllergyConflict;
import com.rxflow.events.tools.CancelOrder;
import com.rxflow.events.tools.CoverageQuery;
import com.rxflow.events.tools.CoverageReport;
import com.rxflow.events.tools.DrugCandidate;
import com.rxflow.events.tools.DrugLookup;
import com.rxflow.events.tools.DrugLookupQuery;
import com.rxflow.events.tools.Interaction;
import com.rxflow.events.tools.InteractionQuery;
import com.rxflow.events.tools.InteractionReport;
import com.rxflow.events.tools.InventoryQuery;
import com.rxflow.events.tools.InventoryStatus;
import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.events.tools.OrderCancelled;
import com.rxflow.events.tools.OrderPlaced;
import com.rxflow.events.tools.OrderStatusReport;
import com.rxflow.events.tools.OrderSummary;
import com.rxflow.events.tools.PatientProfile;
import com.rxflow.events.tools.PharmacyList;
import com.rxflow.events.tools.PharmacySearch;
import com.rxflow.events.tools.PharmacySummary;
import com.rxflow.events.tools.PlaceOrder;
import com.rxflow.events.tools.PriceComparison;
import com.rxflow.events.tools.PriceOffer;
import com.rxflow.events.tools.PriceQuery;
import com.rxflow.events.tools.PriorAuthQuery;
import com.rxflow.events.tools.PriorAuthRequirements;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.tool.ToolContract;
import com.rxflow.schemas.tool.ToolContracts;

/**
 * The one test-data builder for tool answers, mirroring the seed data: patient_001 is the in-code
 * patient 12345 (John Smith, seven medications with their refill facts, allergic to penicillin and
 * sulfa drugs, BCBS of Texas), the four Austin pharmacies with the seed prices (omeprazole at
 * Walmart $9.60). It plays tools-service in tests: {@link #answer} turns a ToolCommand into the
 * ToolResult tools-service would write. Variations (stock running out, a failing or silent tool)
 * are set with the {@code with...} methods.
 */
public final class PharmacyFixtures implements ToolResponder {

    public static final String PATIENT = "patient_001";
    public static final String SOURCE = "rxflow-demo-data";
    static final String PRESCRIBER = "Dr. Sarah Johnson";

    private final AvroCodec codec = AvroCodec.shared();
    private final Map<String, MedicationEntry> medications = new LinkedHashMap<>();
    private final Map<String, Pharmacy> pharmacies = new LinkedHashMap<>();
    private final Set<String> outOfStockAtCheck = new HashSet<>();
    private final Set<String> failing = new HashSet<>();
    private final Set<String> silent = new HashSet<>();
    private final Set<String> priorAuthorization = new HashSet<>();

    record Pharmacy(String id, String name, String chain, String address, double miles, double waitHours,
            Map<String, String> prices) {
    }

    private PharmacyFixtures() {
    }

    public static PharmacyFixtures seed() {
        PharmacyFixtures f = new PharmacyFixtures();
        f.medication("lisinopril", "10mg", "tablet", List.of("Prinivil", "Zestril"), "ACE inhibitor", "hypertension",
                "Take 1 tablet daily", 30, 30, 0, "2024-01-05", "2024-01-05", true, false, null, false);
        f.medication("metformin", "500mg", "tablet", List.of("Glucophage"), "biguanide", "type 2 diabetes",
                "Take 1 tablet twice daily with meals", 60, 30, 0, "2023-12-10", "2026-06-10", false, false, null, false);
        f.medication("methocarbamol", "500mg", "tablet", List.of("Robaxin"), "muscle relaxant", "muscle spasms",
                "Take 1 tablet 3-4 times daily as needed for muscle spasms", 60, 20, 4, "2024-08-15", "2026-08-15", false,
                false, null, false);
        f.medication("meloxicam", "15mg", "tablet", List.of("Mobic"), "NSAID", "arthritis pain",
                "Take 1 tablet daily with food", 30, 30, 3, "2024-07-20", "2026-07-20", false, false, null, false);
        f.medication("omeprazole", "20mg", "capsule", List.of("Prilosec"), "proton pump inhibitor",
                "gastroesophageal reflux disease", "Take 1 capsule daily before breakfast", 30, 30, 5, "2024-08-01",
                "2026-08-01", false, false, null, false);
        f.medication("famotidine", "20mg", "tablet", List.of("Pepcid"), "H2 blocker", "heartburn",
                "Take 1 tablet twice daily as needed for heartburn", 60, 30, 2, "2024-07-10", "2026-07-10", false, false,
                null, false);
        f.medication("lorazepam", "0.5mg", "tablet", List.of("Ativan"), "benzodiazepine", "anxiety",
                "Take 1 tablet as needed for anxiety, maximum 3 per day", 30, 30, 0, "2024-08-15", "2026-06-01", false,
                true, "IV", true);
        f.pharmacy("CVS_12345", "CVS Pharmacy #12345", "CVS", "123 Main St, Austin, TX 78701", 0.4, 0.5,
                Map.of("omeprazole", "13.60", "meloxicam", "18.70", "famotidine", "10.20", "methocarbamol", "15.30"));
        f.pharmacy("WALGREENS_55555", "Walgreens #55555", "Walgreens", "2025 Guadalupe St, Austin, TX 78705", 1.3, 1.0,
                Map.of("omeprazole", "16.72", "meloxicam", "22.99", "famotidine", "12.54", "methocarbamol", "18.81"));
        f.pharmacy("HEB_77777", "H-E-B Pharmacy #77777", "H-E-B", "1000 E 41st St, Austin, TX 78751", 2.4, 0.5,
                Map.of("omeprazole", "16.00", "meloxicam", "22.00", "famotidine", "12.00", "methocarbamol", "18.00"));
        f.pharmacy("WALMART_98765", "Walmart Pharmacy #98765", "Walmart", "4515 S Lamar Blvd, Austin, TX 78745", 4.1,
                0.5, Map.of("omeprazole", "9.60", "meloxicam", "13.20", "famotidine", "7.20", "methocarbamol", "10.80"));
        return f;
    }

    /** The pharmacy has run out by the time the patient chooses it (the listing still showed it in stock). */
    public PharmacyFixtures withOutOfStockAtCheck(String pharmacyId) {
        outOfStockAtCheck.add(pharmacyId);
        return this;
    }

    /** The tool answers with a non-retryable failure. */
    public PharmacyFixtures withFailing(String tool) {
        failing.add(tool);
        return this;
    }

    /** The tool never answers (for timeouts). */
    public PharmacyFixtures withSilent(String tool) {
        silent.add(tool);
        return this;
    }

    public PharmacyFixtures withPriorAuthorization(String medication) {
        priorAuthorization.add(medication);
        return this;
    }

    @Override
    public boolean answers(ToolCommand command) {
        return !silent.contains(command.getInvokeTool().getTool());
    }

    private void medication(String name, String strength, String form, List<String> brands, String drugClass,
            String condition, String directions, int quantity, int daysSupply, int refills, String lastFilled,
            String expires, boolean expired, boolean controlled, String schedule, boolean review) {
        medications.put(name, MedicationEntry.newBuilder().setName(name).setStrength(strength).setRxnormCode(null)
                .setPrescriber(PRESCRIBER).setGenericName(name).setBrandNames(brands).setDrugClass(drugClass)
                .setCondition(condition).setForm(form).setDirections(directions).setQuantity(quantity)
                .setDaysSupply(daysSupply).setRefillsRemaining(refills).setLastFilled(LocalDate.parse(lastFilled))
                .setPrescriptionExpires(LocalDate.parse(expires)).setExpired(expired).setControlled(controlled)
                .setSchedule(schedule).setRequiresDoctorReview(review).build());
    }

    private void pharmacy(String id, String name, String chain, String address, double miles, double waitHours,
            Map<String, String> prices) {
        pharmacies.put(id, new Pharmacy(id, name, chain, address, miles, waitHours, prices));
    }

    @Override
    public ToolResult answer(ToolCommand command, Instant now) {
        String tool = command.getInvokeTool().getTool();
        ToolResult.Builder result = ToolResult.newBuilder()
                .setMetadata(Metadata.causedBy(command.getMetadata(), 0, "tools-service", now));
        if (failing.contains(tool)) {
            return result.setType(ToolResultType.TOOL_FAILED).setFailed(new ToolFailed(
                    command.getInvokeTool().getRequestId(), tool, "UNAVAILABLE", "the data source failed", false)).build();
        }
        ToolContract<?, ?> contract = ToolContracts.byName(tool).orElseThrow();
        SpecificRecord arguments = codec.decode(bytes(command.getInvokeTool().getArguments()), contract.argumentType());
        SpecificRecord answer = run(tool, arguments, command, now);
        return result.setType(ToolResultType.TOOL_COMPLETED).setCompleted(new ToolCompleted(
                command.getInvokeTool().getRequestId(), tool, ByteBuffer.wrap(codec.encode(answer)), SOURCE, "1")).build();
    }

    private SpecificRecord run(String tool, SpecificRecord arguments, ToolCommand command, Instant now) {
        switch (tool) {
            case "patient_profile":
                return profile();
            case "medication_history":
                return history((MedicationHistoryQuery) arguments);
            case "allergy_check":
                return allergy(((AllergyCheckQuery) arguments).getMedication());
            case "interaction_check":
                return interactions(((InteractionQuery) arguments).getMedication());
            case "coverage":
                return coverage(((CoverageQuery) arguments).getMedication());
            case "prior_authorization":
                return PriorAuthRequirements.newBuilder().setMedication(((PriorAuthQuery) arguments).getMedication())
                        .setPlanId("BCBS_TX_001").setRequired(true)
                        .setCriteria(List.of("Atrial fibrillation with CHA2DS2-VASc score of 2 or more"))
                        .setDocumentation(List.of("ECG confirming atrial fibrillation")).setTurnaround("3-5 business days")
                        .build();
            case "find_pharmacies":
                return find((PharmacySearch) arguments);
            case "compare_prices":
                return prices((PriceQuery) arguments);
            case "check_inventory":
                return inventory((InventoryQuery) arguments);
            case "place_order":
                return place((PlaceOrder) arguments, command.getInvokeTool().getRequestId(), now);
            case "order_status":
                return OrderStatusReport.newBuilder().setOrders(List.of(order("RX100001", "omeprazole", "20mg", 30,
                        "WALMART_98765", "RECEIVED", now, now.plus(Duration.ofMinutes(30))))).build();
            case "cancel_order":
                return new OrderCancelled(order(((CancelOrder) arguments).getOrderId(), "omeprazole", "20mg", 30,
                        "WALMART_98765", "CANCELLED", now, null));
            case "drug_lookup":
                String term = ((DrugLookupQuery) arguments).getTerm();
                return DrugLookup.newBuilder().setTerm(term).setCandidates(List.of(DrugCandidate.newBuilder()
                        .setRxcui("7646").setGenericName(term).setBrandNames(List.of("Prilosec"))
                        .setDrugClass("proton pump inhibitor").setIndications(List.of("GERD", "peptic ulcer disease"))
                        .setMatchedName(term).setScore(1.0).build())).build();
            case "adherence":
                String medication = ((AdherenceQuery) arguments).getMedication();
                return AdherenceReport.newBuilder().setMedication(medication).setStrength("20mg").setPdc(0.96)
                        .setScore(96).setLevel("Excellent").setPeriodDays(365).setDaysCovered(350).setFills(12)
                        .setRefillsRemaining(5).setNeedsNewPrescription(false).build();
            default:
                throw new IllegalArgumentException("no fixture for tool " + tool);
        }
    }

    private PatientProfile profile() {
        return PatientProfile.newBuilder().setPatientId(PATIENT).setFirstName("John").setLastName("Smith")
                .setZip("78701").setInsurancePlanId("BCBS_TX_001")
                .setInsurancePlanName("Blue Cross Blue Shield of Texas - Plan 001")
                .setAllergies(List.of("penicillin", "sulfa drugs"))
                .setConditions(List.of("hypertension", "type 2 diabetes", "muscle spasms", "gastroesophageal reflux disease"))
                .setMedications(new ArrayList<>(medications.values())).setRecentOrders(List.of()).build();
    }

    private MedicationHistory history(MedicationHistoryQuery query) {
        List<MedicationEntry> entries = new ArrayList<>();
        for (MedicationEntry entry : medications.values()) {
            String wanted = query.getMedication() == null ? null : query.getMedication().toLowerCase(Locale.ROOT);
            if (wanted == null || entry.getName().equals(wanted)
                    || entry.getBrandNames().stream().anyMatch(b -> b.equalsIgnoreCase(wanted))) {
                entries.add(entry);
            }
        }
        return MedicationHistory.newBuilder().setPatientFirstName("John").setMedications(entries)
                .setAllergies(List.of("penicillin", "sulfa drugs")).build();
    }

    private static AllergyCheck allergy(String medication) {
        List<AllergyConflict> conflicts = new ArrayList<>();
        String drug = medication.toLowerCase(Locale.ROOT);
        if (Set.of("amoxicillin", "ampicillin", "penicillin").contains(drug)) {
            conflicts.add(AllergyConflict.newBuilder().setAllergy("penicillin")
                    .setReason(drug.equals("penicillin") ? "DIRECT" : "CROSS_SENSITIVITY")
                    .setDetail(drug + " is a penicillin-class antibiotic").build());
        }
        if (drug.startsWith("sulfa")) {
            conflicts.add(AllergyConflict.newBuilder().setAllergy("sulfa drugs").setReason("DIRECT")
                    .setDetail(drug + " is a sulfonamide").build());
        }
        return AllergyCheck.newBuilder().setMedication(medication).setAllergies(List.of("penicillin", "sulfa drugs"))
                .setConflicts(conflicts).build();
    }

    private static InteractionReport interactions(String medication) {
        List<Interaction> found = new ArrayList<>();
        switch (medication.toLowerCase(Locale.ROOT)) {
            case "meloxicam" -> found.add(new Interaction("lisinopril", "MODERATE",
                    "NSAIDs may reduce the effect of ACE inhibitors and strain the kidneys",
                    "Monitor blood pressure and kidney function", "rxflow interaction table"));
            case "ibuprofen" -> found.add(new Interaction("meloxicam", "MAJOR",
                    "two NSAIDs together raise the risk of stomach bleeding", "Avoid taking them together",
                    "rxflow interaction table"));
            default -> { }
        }
        return InteractionReport.newBuilder().setMedication(medication).setInteractions(found)
                .setHighestSeverity(found.isEmpty() ? null : found.get(0).getSeverity()).build();
    }

    private CoverageReport coverage(String medication) {
        boolean pa = priorAuthorization.contains(medication);
        return CoverageReport.newBuilder().setPlanId("BCBS_TX_001").setPlanName("Blue Cross Blue Shield of Texas - Plan 001")
                .setMedication(medication).setCovered(true).setTier(pa ? 3 : 1)
                .setTierDescription(pa ? "Non-preferred brand drugs" : "Generic drugs")
                .setCopay(new BigDecimal(pa ? "60.00" : "10.00")).setPriorAuthorization(pa).setStepTherapy(false)
                .build();
    }

    private PharmacyList find(PharmacySearch search) {
        return new PharmacyList(pharmacies.values().stream().map(p -> summary(p, search.getMedication(), true)).toList());
    }

    private PriceComparison prices(PriceQuery query) {
        List<PriceOffer> offers = pharmacies.values().stream().filter(p -> p.prices().containsKey(query.getMedication()))
                .sorted((a, b) -> new BigDecimal(a.prices().get(query.getMedication()))
                        .compareTo(new BigDecimal(b.prices().get(query.getMedication()))))
                .map(p -> PriceOffer.newBuilder().setPharmacyId(p.id()).setPharmacyName(p.name())
                        .setBasePrice(new BigDecimal(p.prices().get(query.getMedication())))
                        .setFinalPrice(new BigDecimal(p.prices().get(query.getMedication()))).setGeneric(true)
                        .setInStock(true).build()).toList();
        return PriceComparison.newBuilder().setMedication(query.getMedication()).setOffers(offers)
                .setCopay(new BigDecimal("10.00")).build();
    }

    private InventoryStatus inventory(InventoryQuery query) {
        Pharmacy pharmacy = pharmacies.get(query.getPharmacyId());
        boolean inStock = !outOfStockAtCheck.contains(pharmacy.id());
        List<PharmacySummary> alternatives = inStock ? List.of() : pharmacies.values().stream()
                .filter(p -> !outOfStockAtCheck.contains(p.id())).map(p -> summary(p, query.getMedication(), true))
                .toList();
        return InventoryStatus.newBuilder().setPharmacy(summary(pharmacy, query.getMedication(), inStock))
                .setMedication(query.getMedication()).setStrength(query.getStrength()).setInStock(inStock)
                .setAlternatives(alternatives).build();
    }

    private static PharmacySummary summary(Pharmacy p, String medication, boolean inStock) {
        return PharmacySummary.newBuilder().setPharmacyId(p.id()).setName(p.name()).setChain(p.chain())
                .setAddress(p.address()).setPhone("(555) 123-0000").setDistanceMiles(p.miles()).setOpenNow(true)
                .setHoursToday("8AM-10PM").setAcceptsPatientInsurance(true)
                .setInStock(medication == null ? null : inStock).setQuantityOnHand(medication == null ? null : 500)
                .setWaitHours(p.waitHours()).build();
    }

    private OrderPlaced place(PlaceOrder order, String requestId, Instant now) {
        Pharmacy pharmacy = pharmacies.get(order.getPharmacyId());
        String id = "RX" + String.format("%06d", Math.abs(UUID.nameUUIDFromBytes(requestId.getBytes(
                StandardCharsets.UTF_8)).getMostSignificantBits() % 1_000_000));
        Instant pickup = now.plus(Duration.ofMinutes(Math.round(pharmacy.waitHours() * 60)));
        return OrderPlaced.newBuilder().setOrder(order(id, order.getMedication(), order.getStrength(),
                        order.getQuantity(), pharmacy.id(), "RECEIVED", now, pickup))
                .setPharmacy(summary(pharmacy, order.getMedication(), true))
                .setPrice(new BigDecimal(pharmacy.prices().getOrDefault(order.getMedication(), "20.00")))
                .setCopay(new BigDecimal("10.00")).build();
    }

    private OrderSummary order(String id, String medication, String strength, int quantity, String pharmacyId,
            String status, Instant placed, Instant pickup) {
        Pharmacy pharmacy = pharmacies.get(pharmacyId);
        return OrderSummary.newBuilder().setOrderId(id).setMedication(medication).setStrength(strength)
                .setQuantity(quantity).setPharmacyId(pharmacyId).setPharmacyName(pharmacy.name()).setStatus(status)
                .setPlacedAt(placed).setPickupAt(pickup).build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        view.rewind();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
