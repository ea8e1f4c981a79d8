/**
 * Handing the conversation to people and back: {@code Handoff} (emergencies, a pharmacist taking
 * over, the patient withdrawing an unclaimed case), {@code CaseEvents} (what the pharmacists and
 * prescribers do to a case, as the patient sees it), {@code Cases} (the commands and records about a
 * case) and {@code SafetyReplies} (what the patient is told the moment the screen alarms). Everything
 * here acts through the {@code Turn}; a renewal a prescriber approves continues through the
 * {@code ConversationType.continueApproved} hook of the type that serves refills.
 */
package com.rxflow.processor.conversation.workflow.handoff;
