package com.rxflow.escalation.api;

import com.rxflow.escalation.query.CaseView;

/** The case's owner task refused a pharmacist's action (the case is someone else's, finished, ...). */
public class ActionRefusedException extends RuntimeException {

    private final String problem;
    private final transient CaseView current;

    ActionRefusedException(String problem, String detail, CaseView current) {
        super(detail);
        this.problem = problem;
        this.current = current;
    }

    /** The stable code: ALREADY_CLAIMED, NOT_OWNER, CASE_FINISHED, WRONG_ROUTE or INVALID. */
    public String problem() {
        return problem;
    }

    /** The case as it is, after the refusal. */
    public CaseView current() {
        return current;
    }
}
