package com.rxflow.escalation.query;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an instance answers its peers: the cases it holds, never forwarded further (the asking
 * instance decides where each partition is read). Reached only with the service key.
 * <ul>
 * <li>{@code /internal/cases?partitions=0,3&stale=true}: the cases of those of the partitions it can
 * read, each partition with the copy it came from: its own (active) ones, and with {@code stale}
 * also those it keeps a standby of. A partition it cannot read now is left out of the answer.</li>
 * <li>{@code /internal/cases/{id}?partitions=0,3&stale=true}: those partitions searched for the case.</li>
 * <li>Without {@code partitions}: the cases of every partition it owns, and a case there by id (404
 * when it has none), as instances asked before they read standbys.</li>
 * </ul>
 */
@Hidden
@RestController
class InternalCasesController {

    private final CaseQueries queries;

    InternalCasesController(CaseQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/internal/cases", params = "partitions")
    List<PartitionCases> cases(@RequestParam Set<Integer> partitions,
            @RequestParam(defaultValue = "false") boolean stale) {
        return queries.local(partitions, stale);
    }

    @GetMapping(path = "/internal/cases/{escalationId}", params = "partitions")
    List<PartitionCase> find(@PathVariable String escalationId, @RequestParam Set<Integer> partitions,
            @RequestParam(defaultValue = "false") boolean stale) {
        return queries.local(escalationId, partitions, stale);
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
