package com.rxflow.tools.medication;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.DrugLookup;
import com.rxflow.events.tools.DrugLookupQuery;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code drug_lookup}: what a term means as a drug: RxNorm concept, generic and brand names,
 * strengths, forms, class and indications, as ranked candidates with scores (1 = exact), so a
 * misspelling ("metforman") still finds metformin and the workflow can ask "did you mean…?".
 */
@Component
public class DrugLookupTool extends ContractTool<DrugLookupQuery, DrugLookup> {

    /** At most this many candidates: enough to ask "did you mean", few enough to read out. */
    static final int CANDIDATES = 5;

    private final DrugLookupPort lookup;

    public DrugLookupTool(DrugLookupPort lookup) {
        super(ToolContracts.DRUG_LOOKUP);
        this.lookup = lookup;
    }

    @Override
    public ToolOutcome<DrugLookup> run(Invocation invocation, DrugLookupQuery query) {
        String term = Arguments.medication("term", query.getTerm());
        return ToolOutcome.completed(lookup.lookup(term, CANDIDATES), lookup.provenance());
    }
}
