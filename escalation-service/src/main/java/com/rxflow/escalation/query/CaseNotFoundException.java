package com.rxflow.escalation.query;

/** No instance holds a case with this id (it never existed, or left the store after its retention). */
public class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(String escalationId) {
        super("no case " + escalationId);
    }
}
