package com.rxflow.escalation.audit;

import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an instance answers a peer that serves an auditor: the accesses it holds for one
 * pseudonym. Reached only with the service key; the asking instance records the auditor's read.
 */
@Hidden
@RestController
class InternalAuditController {

    private final AuditQueries queries;

    InternalAuditController(AuditQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/internal/audit/patients/{pseudonym}/accesses")
    List<AccessView> accesses(@PathVariable String pseudonym) {
        return queries.local(pseudonym);
    }
}
