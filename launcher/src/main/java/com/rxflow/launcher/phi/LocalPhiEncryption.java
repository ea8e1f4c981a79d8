package com.rxflow.launcher.phi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;

/**
 * {@code rxflow up --encrypt-phi}: the local stack's key-encryption key, made on the first start
 * in {@code DIR/phi/} (folder 700, files 600): {@code kek.p12}, a PKCS12 keystore holding an
 * AES-256 KEK, and {@code kek-password}, its random password. Later starts reuse both. Every
 * service gets the properties that turn PHI encryption on with this KEK.
 */
public final class LocalPhiEncryption {

    private LocalPhiEncryption() {
    }

    public static Map<String, Object> prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            Path passwordFile = dir.resolve("kek-password");
            if (!Files.isRegularFile(passwordFile)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                Files.writeString(passwordFile, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
                ownerOnly(passwordFile, "rw-------");
            }
            char[] password = KeystoreKeyEncryptionKey.readPassword(passwordFile);
            Path keystore = dir.resolve("kek.p12").toAbsolutePath();
            KeystoreKeyEncryptionKey.openOrCreate(keystore, password);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("rxflow.phi.encryption.enabled", "true");
            properties.put("rxflow.phi.encryption.kek-keystore", keystore.toString());
            properties.put("rxflow.phi.encryption.kek-password", new String(password));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the PHI key-encryption key in " + dir, e);
        }
    }

    private static void ownerOnly(Path path, String mode) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
    }
}
