package com.rxflow.schemas.tool;

import java.util.List;
import java.util.Optional;

import com.rxflow.events.tools.AdherenceQuery;
import com.rxflow.events.tools.AdherenceReport;
import com.rxflow.events.tools.AllergyCheck;
import com.rxflow.events.tools.AllergyCheckQuery;
import com.rxflow.events.tools.CancelOrder;
import com.rxflow.events.tools.CoverageQuery;
import com.rxflow.events.tools.CoverageReport;
import com.rxflow.events.tools.DrugLookup;
import com.rxflow.events.tools.DrugLookupQuery;
import com.rxflow.events.tools.InteractionQuery;
import com.rxflow.events.tools.InteractionReport;
import com.rxflow.events.tools.InterpretQuery;
import com.rxflow.events.tools.InterpretationProposal;
import com.rxflow.events.tools.InventoryQuery;
import com.rxflow.events.tools.InventoryStatus;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.events.tools.OrderCancelled;
import com.rxflow.events.tools.OrderPlaced;
import com.rxflow.events.tools.OrderStatusQuery;
import com.rxflow.events.tools.OrderStatusReport;
import com.rxflow.events.tools.PatientProfile;
import com.rxflow.events.tools.PatientProfileQuery;
import com.rxflow.events.tools.PharmacyList;
import com.rxflow.events.tools.PharmacySearch;
import com.rxflow.events.tools.PlaceOrder;
import com.rxflow.events.tools.PriceComparison;
import com.rxflow.events.tools.PriceQuery;
import com.rxflow.events.tools.PriorAuthQuery;
import com.rxflow.events.tools.PriorAuthRequirements;
import com.rxflow.events.tools.RenewalRequest;
import com.rxflow.events.tools.RenewalRequested;
import com.rxflow.events.tools.StrengthQuery;
import com.rxflow.events.tools.StrengthVerification;

/**
 * Every pharmacy tool RxFlow knows, in one place. tools-service registers a handler for each
 * (for {@link #INTERPRET} only where a language model is switched on); the conversation processor
 * invokes them by these contracts. Adding a tool means adding its
 * two records under {@code src/main/avro/tools} and a contract here.
 */
public final class ToolContracts {

    public static final ToolContract<PatientProfileQuery, PatientProfile> PATIENT_PROFILE =
            new ToolContract<>("patient_profile", PatientProfileQuery.class, PatientProfile.class);
    public static final ToolContract<MedicationHistoryQuery, MedicationHistory> MEDICATION_HISTORY =
            new ToolContract<>("medication_history", MedicationHistoryQuery.class, MedicationHistory.class);
    public static final ToolContract<AdherenceQuery, AdherenceReport> ADHERENCE =
            new ToolContract<>("adherence", AdherenceQuery.class, AdherenceReport.class);
    public static final ToolContract<AllergyCheckQuery, AllergyCheck> ALLERGY_CHECK =
            new ToolContract<>("allergy_check", AllergyCheckQuery.class, AllergyCheck.class);
    public static final ToolContract<DrugLookupQuery, DrugLookup> DRUG_LOOKUP =
            new ToolContract<>("drug_lookup", DrugLookupQuery.class, DrugLookup.class);
    public static final ToolContract<StrengthQuery, StrengthVerification> VERIFY_STRENGTH =
            new ToolContract<>("verify_strength", StrengthQuery.class, StrengthVerification.class);
    public static final ToolContract<InteractionQuery, InteractionReport> INTERACTION_CHECK =
            new ToolContract<>("interaction_check", InteractionQuery.class, InteractionReport.class);
    public static final ToolContract<PharmacySearch, PharmacyList> FIND_PHARMACIES =
            new ToolContract<>("find_pharmacies", PharmacySearch.class, PharmacyList.class);
    public static final ToolContract<InventoryQuery, InventoryStatus> CHECK_INVENTORY =
            new ToolContract<>("check_inventory", InventoryQuery.class, InventoryStatus.class);
    public static final ToolContract<PriceQuery, PriceComparison> COMPARE_PRICES =
            new ToolContract<>("compare_prices", PriceQuery.class, PriceComparison.class);
    public static final ToolContract<CoverageQuery, CoverageReport> COVERAGE =
            new ToolContract<>("coverage", CoverageQuery.class, CoverageReport.class);
    public static final ToolContract<PriorAuthQuery, PriorAuthRequirements> PRIOR_AUTHORIZATION =
            new ToolContract<>("prior_authorization", PriorAuthQuery.class, PriorAuthRequirements.class);
    public static final ToolContract<PlaceOrder, OrderPlaced> PLACE_ORDER =
            new ToolContract<>("place_order", PlaceOrder.class, OrderPlaced.class, ToolEffect.SIDE_EFFECT);
    public static final ToolContract<OrderStatusQuery, OrderStatusReport> ORDER_STATUS =
            new ToolContract<>("order_status", OrderStatusQuery.class, OrderStatusReport.class);
    public static final ToolContract<CancelOrder, OrderCancelled> CANCEL_ORDER =
            new ToolContract<>("cancel_order", CancelOrder.class, OrderCancelled.class, ToolEffect.SIDE_EFFECT);
    public static final ToolContract<RenewalRequest, RenewalRequested> REQUEST_RENEWAL =
            new ToolContract<>("request_renewal", RenewalRequest.class, RenewalRequested.class, ToolEffect.SIDE_EFFECT);
    /**
     * A language model's proposal of what one patient message means. Unlike the pharmacy tools it
     * is answered only where tools-service has a model switched on ({@code rxflow.llm.mode});
     * elsewhere the command fails as {@code UNKNOWN_TOOL}, which the caller takes as "no model".
     * The proposal is the model's word, unchecked: the caller validates it before using any of it.
     */
    public static final ToolContract<InterpretQuery, InterpretationProposal> INTERPRET =
            new ToolContract<>("interpret", InterpretQuery.class, InterpretationProposal.class);

    public static final List<ToolContract<?, ?>> ALL = List.of(PATIENT_PROFILE, MEDICATION_HISTORY, ADHERENCE,
            ALLERGY_CHECK, DRUG_LOOKUP, VERIFY_STRENGTH, INTERACTION_CHECK, FIND_PHARMACIES, CHECK_INVENTORY,
            COMPARE_PRICES, COVERAGE, PRIOR_AUTHORIZATION, PLACE_ORDER, ORDER_STATUS, CANCEL_ORDER, REQUEST_RENEWAL,
            INTERPRET);

    private ToolContracts() {
    }

    public static Optional<ToolContract<?, ?>> byName(String name) {
        return ALL.stream().filter(contract -> contract.name().equals(name)).findFirst();
    }
}
