package com.rxflow.escalation.cases;

/**
 * Where a case is in its life. The store keeps the name as a string so later statuses (claimed,
 * resolved, breached) need no schema change.
 */
public enum CaseStatus {
    OPENED
}
