package com.rxflow.schemas.phi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.TreeMap;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The default key-encryption key: AES-256 secret-key entries of a PKCS12 keystore, aliases
 * {@code kek-1}, {@code kek-2}... The highest alias wraps new data keys; every alias unwraps, so a
 * KEK is rotated by adding an entry ({@link #rotate}). Wrapping is AES-GCM with the patient and
 * key id as additional data: {@code iv || ciphertext || tag}.
 */
public final class KeystoreKeyEncryptionKey implements KeyEncryptionKey {

    private static final String PREFIX = "kek-";
    private static final int IV_LENGTH = 12;

    private final TreeMap<Integer, SecretKey> keks;
    private final SecureRandom random = new SecureRandom();

    private KeystoreKeyEncryptionKey(TreeMap<Integer, SecretKey> keks) {
        this.keks = keks;
    }

    /**
     * The keystore's password as a mounted secret or a local file holds it: the file's first line,
     * without surrounding white space (a trailing line break is not part of it).
     *
     * @throws IllegalStateException when the file cannot be read or its first line is empty
     */
    public static char[] readPassword(Path file) {
        String line;
        try {
            line = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new IllegalStateException("the KEK password file " + file + " cannot be read", e);
        }
        if (line.isEmpty()) {
            throw new IllegalStateException("the KEK password file " + file + " is empty");
        }
        return line.toCharArray();
    }

    /** Opens the keystore, or makes one with a first KEK (file mode 600 where POSIX) if it is missing. */
    public static KeystoreKeyEncryptionKey openOrCreate(Path file, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
            } else {
                store.load(null, password);
                addKek(store, 1, password);
                save(store, file, password);
            }
            return new KeystoreKeyEncryptionKey(keks(store, password));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the KEK keystore " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the KEK keystore " + file, e);
        }
    }

    /** Opens an existing keystore (an operator's tool must not make a new KEK from a mistyped path). */
    public static KeystoreKeyEncryptionKey open(Path file, char[] password) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no KEK keystore at " + file);
        }
        return openOrCreate(file, password);
    }

    /** Adds a new KEK to the keystore file; data keys wrapped from then on use it. */
    public static void rotate(Path file, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            addKek(store, keks(store, password).lastKey() + 1, password);
            save(store, file, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the KEK in " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot rotate the KEK in " + file, e);
        }
    }

    /**
     * Removes the KEK {@code kekId} from the keystore file: keys still wrapped by it no longer unwrap,
     * so re-wrap them first ({@link PatientKeyRewrapper}). The newest KEK cannot be retired.
     */
    public static void retire(Path file, char[] password, String kekId) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            TreeMap<Integer, SecretKey> keks = keks(store, password);
            Integer number = kekId.startsWith(PREFIX) ? parse(kekId.substring(PREFIX.length())) : null;
            if (number == null || !keks.containsKey(number)) {
                throw new IllegalArgumentException(file + " holds no key-encryption key " + kekId);
            }
            if (number.equals(keks.lastKey())) {
                throw new IllegalArgumentException(kekId + " is the newest key-encryption key: it wraps new data keys");
            }
            store.deleteEntry(PREFIX + number);
            save(store, file, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot retire " + kekId + " in " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot retire " + kekId + " in " + file, e);
        }
    }

    /** The ids of the KEKs this instance holds, oldest first. */
    public java.util.List<String> ids() {
        return keks.keySet().stream().map(number -> PREFIX + number).toList();
    }

    @Override
    public String currentId() {
        return PREFIX + keks.lastKey();
    }

    @Override
    public byte[] wrap(byte[] dataKey, byte[] context) {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keks.lastEntry().getValue(), new GCMParameterSpec(128, iv));
            cipher.updateAAD(context);
            byte[] sealed = cipher.doFinal(dataKey);
            return ByteBuffer.allocate(IV_LENGTH + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a data key", e);
        }
    }

    @Override
    public byte[] unwrap(String kekId, byte[] wrapped, byte[] context) {
        SecretKey kek = kekId.startsWith(PREFIX) ? keks.get(parse(kekId.substring(PREFIX.length()))) : null;
        if (kek == null) {
            throw new IllegalStateException("unknown key-encryption key " + kekId);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(128, wrapped, 0, IV_LENGTH));
            cipher.updateAAD(context);
            return cipher.doFinal(wrapped, IV_LENGTH, wrapped.length - IV_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a wrapped data key does not unwrap with " + kekId, e);
        }
    }

    private static Integer parse(String number) {
        try {
            return Integer.valueOf(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void addKek(KeyStore store, int number, char[] password) throws GeneralSecurityException {
        store.setEntry(PREFIX + number, new KeyStore.SecretKeyEntry(FieldCipher.newKey()),
                new KeyStore.PasswordProtection(password));
    }

    private static TreeMap<Integer, SecretKey> keks(KeyStore store, char[] password) throws GeneralSecurityException {
        TreeMap<Integer, SecretKey> keks = new TreeMap<>();
        for (String alias : Collections.list(store.aliases())) {
            Integer number = alias.startsWith(PREFIX) ? parse(alias.substring(PREFIX.length())) : null;
            if (number != null && store.getKey(alias, password) instanceof SecretKey key) {
                keks.put(number, key);
            }
        }
        if (keks.isEmpty()) {
            throw new GeneralSecurityException("the keystore holds no " + PREFIX + "<n> secret key");
        }
        return keks;
    }

    private static void save(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".kek", ".p12");
        try {
            if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, password);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
