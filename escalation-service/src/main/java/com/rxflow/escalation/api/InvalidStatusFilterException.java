package com.rxflow.escalation.api;

/** A status filter that is neither IN_QUEUE, ALL nor a case status. */
class InvalidStatusFilterException extends RuntimeException {

    InvalidStatusFilterException(String status) {
        super("status must be IN_QUEUE, ALL or one of OPENED, CLAIMED, RETURNED, CLOSED, WITHDRAWN, SENT, "
                + "MORE_INFO_NEEDED, APPROVED, DENIED (not '" + status + "')");
    }
}
