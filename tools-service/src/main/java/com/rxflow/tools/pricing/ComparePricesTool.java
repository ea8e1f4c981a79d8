package com.rxflow.tools.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.PriceComparison;
import com.rxflow.events.tools.PriceOffer;
import com.rxflow.events.tools.PriceQuery;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.coverage.FormularyEntry;
import com.rxflow.tools.coverage.PlanBook;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.pharmacy.PharmacyNetwork;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code compare_prices}: what each pharmacy charges in cash for a drug, promotions applied
 * (see {@link PriceCalculator}), cheapest first; the patient's copay under their plan; and the
 * typical brand and generic prices for a brand-versus-generic choice. Deterministic: no random
 * prices, unlike the reference's GoodRx model.
 */
@Component
public class ComparePricesTool extends ContractTool<PriceQuery, PriceComparison> {

    static final int MAX_QUANTITY = 1000;

    private final PatientDirectory patients;
    private final DrugCatalogue catalogue;
    private final PharmacyNetwork network;
    private final PlanBook plans;

    public ComparePricesTool(PatientDirectory patients, DrugCatalogue catalogue, PharmacyNetwork network, PlanBook plans) {
        super(ToolContracts.COMPARE_PRICES);
        this.patients = patients;
        this.catalogue = catalogue;
        this.network = network;
        this.plans = plans;
    }

    @Override
    public ToolOutcome<PriceComparison> run(Invocation invocation, PriceQuery query) {
        String medication = Arguments.medication("medication", query.getMedication());
        String strength = Arguments.absent(query.getStrength()) ? null : Arguments.strength("strength", query.getStrength());
        Patient patient = patients.require(invocation.patientId());
        DrugCatalogue.Match match = catalogue.require(medication);
        Drug drug = match.drug();
        int quantity = query.getQuantity() == 0 ? drug.usualQuantity()
                : Arguments.positive("quantity", query.getQuantity(), MAX_QUANTITY);
        List<PriceOffer> offers = PriceCalculator.quotes(network, drug, strength, quantity, query.getClubMember(),
                invocation.today()).stream().map(quote -> PriceOffer.newBuilder()
                        .setPharmacyId(quote.pharmacy().id())
                        .setPharmacyName(quote.pharmacy().name())
                        .setBasePrice(quote.basePrice())
                        .setFinalPrice(quote.finalPrice())
                        .setPromotion(quote.applied().map(Promotion::description).orElse(null))
                        .setGeneric(quote.item().generic())
                        .setInStock(quote.inStock())
                        .build()).toList();
        BigDecimal copay = plans.find(patient.insurancePlanId())
                .flatMap(plan -> plan.entry(drug.id(), match.brand())).map(FormularyEntry::copay).orElse(null);
        return ToolOutcome.completed(PriceComparison.newBuilder()
                .setMedication(match.brand() != null ? match.brand() : drug.genericName())
                .setOffers(offers)
                .setCopay(Money.of(copay))
                .setBrandPrice(scaled(drug.brandPriceMonth(), quantity, drug.usualQuantity()))
                .setGenericPrice(scaled(drug.genericPriceMonth(), quantity, drug.usualQuantity()))
                .build(), network.provenance());
    }

    private static BigDecimal scaled(BigDecimal usualFillPrice, int quantity, int usualQuantity) {
        return usualFillPrice == null ? null : Money.of(usualFillPrice.multiply(BigDecimal.valueOf(quantity))
                .divide(BigDecimal.valueOf(usualQuantity), 2, RoundingMode.HALF_UP));
    }
}
