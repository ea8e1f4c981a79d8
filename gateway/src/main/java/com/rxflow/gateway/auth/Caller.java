package com.rxflow.gateway.auth;

import com.rxflow.platform.audit.Actor;

/**
 * Who makes an API request: a patient signed in with an access token, or a server-side channel
 * client with its API key. A patient reaches every conversation bound to them, and only those; a
 * channel client reaches the conversations it opened, and only those.
 */
public sealed interface Caller permits Caller.Patient, Caller.Channel {

    /** The client recorded on the events the caller causes and bound to the conversations it opens. */
    ChannelClient client();

    /** Whether the caller may read or post to a conversation bound to this patient and client. */
    boolean reaches(String patientId, String clientId);

    /** The bucket the caller's requests are counted in: one per channel key, one per signed-in patient. */
    String rateLimitKey();

    /** Who the audit trail records for the caller's reads: the patient (by pseudonym) or the channel client. */
    Actor auditActor();

    /**
     * A patient signed in through the web chat (or any OAuth client of the identity provider).
     *
     * @param patientId the patient named by the access token's patient claim
     * @param subject   the token's subject (the account that signed in)
     */
    record Patient(String patientId, String subject) implements Caller {

        /** The client the signed-in patients' conversations are recorded with. */
        public static final ChannelClient WEB_CHAT = new ChannelClient("web-chat", "web");

        @Override
        public ChannelClient client() {
            return WEB_CHAT;
        }

        @Override
        public boolean reaches(String boundPatientId, String clientId) {
            return patientId.equals(boundPatientId);
        }

        @Override
        public String rateLimitKey() {
            return WEB_CHAT.id() + "/" + patientId;
        }

        @Override
        public Actor auditActor() {
            return Actor.patient(patientId);
        }
    }

    /** A server-side channel client (an SMS bot, a patient app's backend) authenticated by its API key. */
    record Channel(ChannelClient client) implements Caller {

        @Override
        public boolean reaches(String patientId, String clientId) {
            return client.id().equals(clientId);
        }

        @Override
        public String rateLimitKey() {
            return client.id();
        }

        @Override
        public Actor auditActor() {
            return Actor.channel(client.id());
        }
    }
}
