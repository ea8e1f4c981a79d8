package com.rxflow.schemas.phi;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A keyring in memory, for the cipher's unit tests. */
final class MemoryKeyring implements PatientKeyring {

    private final Map<String, DataKey> current = new HashMap<>();
    private final Map<String, DataKey> byId = new HashMap<>();

    @Override
    public synchronized DataKey currentKey(String patientId) {
        return current.computeIfAbsent(patientId, id -> {
            DataKey key = new DataKey(id, UUID.randomUUID().toString(), FieldCipher.newKey());
            byId.put(id + "/" + key.keyId(), key);
            return key;
        });
    }

    @Override
    public synchronized Optional<DataKey> key(String patientId, String keyId) {
        return Optional.ofNullable(byId.get(patientId + "/" + keyId));
    }

    synchronized void forget(String patientId) {
        current.remove(patientId);
        byId.keySet().removeIf(id -> id.startsWith(patientId + "/"));
    }
}
