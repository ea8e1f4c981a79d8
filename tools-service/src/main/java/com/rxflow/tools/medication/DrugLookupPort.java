package com.rxflow.tools.medication;

import com.rxflow.events.tools.DrugLookup;
import com.rxflow.tools.registry.Provenance;

/**
 * Where drug_lookup looks terms up: the bundled catalogue by default, RxNorm itself (RxNav) when
 * configured. Implementations that call out throw a {@code ToolFailure} with {@code UNAVAILABLE}
 * when the source does not answer.
 */
public interface DrugLookupPort {

    /** Candidates for the term, best first, at most {@code limit}. */
    DrugLookup lookup(String term, int limit);

    Provenance provenance();
}
