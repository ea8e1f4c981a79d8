/**
 * The refill, one class a stage, each read top to bottom: {@code Identification} (which medication),
 * {@code Checks} (the tools' checks and the {@code RefillGates} over them, then the dosage on record),
 * {@code Pharmacies} (find, choose, stock) and {@code Ordering} (state the order, place it on an
 * explicit yes). {@code RefillConversation} is the conversation type that declares the steps and
 * sends each answer to its stage; {@code RefillRequest} holds the mechanics the stages share. The
 * stages act only through the {@code Turn}, and hand a refill to people through the handoff package.
 */
package com.rxflow.processor.conversation.workflow.refill;
