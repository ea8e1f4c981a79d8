package com.rxflow.escalation.query;

import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an instance answers its peers: the cases of its own partitions, never forwarded further
 * (the asking instance asks every host itself). Reached only with the service key.
 */
@Hidden
@RestController
class InternalCasesController {

    private final CaseQueries queries;

    InternalCasesController(CaseQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/internal/cases")
    List<CaseSummary> cases() {
        return queries.local().stream().map(CaseSummary::of).toList();
    }

    @GetMapping("/internal/cases/{escalationId}")
    CaseView find(@PathVariable String escalationId) {
        return queries.local(escalationId).map(CaseView::of)
                .orElseThrow(() -> new CaseNotFoundException(escalationId));
    }
}
