package com.rxflow.schemas.phi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM on one field's value. The additional authenticated data is the patient's id and the
 * field's path ({@code <record full name>.<field>}), so a sealed value moved to another patient's
 * record or to another field does not open.
 *
 * <p>A sealed string is {@code phi:v1:<keyId>:<base64url(iv || ciphertext || tag)>}; sealed
 * bytes are {@code "PHI" 0x01}, the key id's length and UTF-8 bytes, then iv, ciphertext and tag
 * (a nested single-object record starts with {@code C3 01}, so the two never look alike).
 */
public final class FieldCipher {

    public static final String STRING_PREFIX = "phi:v1:";
    private static final byte[] BYTES_MAGIC = {'P', 'H', 'I', 1};
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    /**
     * One cipher per thread, re-initialised for every value: {@code Cipher.getInstance} looks the
     * transformation up among the providers each time, and a cipher given the same key again skips
     * the AES key schedule (measured: those two were most of a sealed snapshot's cost).
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(FieldCipher::newCipher);

    /** A sealed value's key id, or null when the value is not sealed. */
    public static String keyIdOf(String value) {
        if (value == null || !value.startsWith(STRING_PREFIX)) {
            return null;
        }
        int end = value.indexOf(':', STRING_PREFIX.length());
        return end < 0 ? null : value.substring(STRING_PREFIX.length(), end);
    }

    /** A sealed value's key id, or null when the bytes are not sealed. */
    public static String keyIdOf(ByteBuffer value) {
        if (value == null || value.remaining() < BYTES_MAGIC.length + 1) {
            return null;
        }
        int at = value.position();
        for (int i = 0; i < BYTES_MAGIC.length; i++) {
            if (value.get(at + i) != BYTES_MAGIC[i]) {
                return null;
            }
        }
        int length = value.get(at + BYTES_MAGIC.length) & 0xFF;
        if (value.remaining() < BYTES_MAGIC.length + 1 + length) {
            return null;
        }
        byte[] id = new byte[length];
        value.duplicate().position(at + BYTES_MAGIC.length + 1).get(id);
        return new String(id, StandardCharsets.UTF_8);
    }

    public String seal(String plain, DataKey key, String path) {
        byte[] sealed = encrypt(plain.getBytes(StandardCharsets.UTF_8), key, path);
        return STRING_PREFIX + key.keyId() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /** @throws PhiSealException when the value was altered or does not belong to this patient and field */
    public String open(String sealed, DataKey key, String path) {
        String body = sealed.substring(STRING_PREFIX.length() + key.keyId().length() + 1);
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new PhiSealException("a sealed " + path + " is not base64", e);
        }
        return new String(decrypt(bytes, key, path), StandardCharsets.UTF_8);
    }

    public ByteBuffer seal(ByteBuffer plain, DataKey key, String path) {
        byte[] input = new byte[plain.remaining()];
        plain.duplicate().get(input);
        byte[] id = key.keyId().getBytes(StandardCharsets.UTF_8);
        byte[] sealed = encrypt(input, key, path);
        ByteBuffer out = ByteBuffer.allocate(BYTES_MAGIC.length + 1 + id.length + sealed.length);
        out.put(BYTES_MAGIC).put((byte) id.length).put(id).put(sealed).flip();
        return out;
    }

    public ByteBuffer open(ByteBuffer sealed, DataKey key, String path) {
        int skip = BYTES_MAGIC.length + 1 + key.keyId().getBytes(StandardCharsets.UTF_8).length;
        byte[] bytes = new byte[sealed.remaining() - skip];
        sealed.duplicate().position(sealed.position() + skip).get(bytes);
        return ByteBuffer.wrap(decrypt(bytes, key, path));
    }

    private byte[] encrypt(byte[] plain, DataKey key, String path) {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(key, path));
            byte[] encrypted = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_LENGTH + encrypted.length).put(iv).put(encrypted).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] decrypt(byte[] sealed, DataKey key, String path) {
        if (sealed.length < IV_LENGTH + TAG_BITS / 8) {
            throw new PhiSealException("a sealed " + path + " is too short", null);
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, sealed, 0, IV_LENGTH));
            cipher.updateAAD(aad(key, path));
            return cipher.doFinal(sealed, IV_LENGTH, sealed.length - IV_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new PhiSealException("a sealed " + path + " of patient " + key.patientId()
                    + " does not open with key " + key.keyId() + " (altered, or moved from another record)", e);
        }
    }

    private static byte[] aad(DataKey key, String path) {
        return (key.patientId() + '\0' + path).getBytes(StandardCharsets.UTF_8);
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Makes a fresh random AES-256 key. */
    public static SecretKey newKey() {
        try {
            javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }
}
