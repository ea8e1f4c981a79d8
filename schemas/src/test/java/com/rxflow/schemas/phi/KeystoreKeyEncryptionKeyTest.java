package com.rxflow.schemas.phi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreKeyEncryptionKeyTest {

    private static final char[] PASSWORD = "test-password".toCharArray();
    private static final byte[] CONTEXT = "pt-a/k-1".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path folder;

    @Test
    void aKeyWrappedBeforeARestartUnwrapsAfterIt() throws Exception {
        Path file = folder.resolve("kek.p12");
        byte[] dataKey = FieldCipher.newKey().getEncoded();
        KeystoreKeyEncryptionKey first = KeystoreKeyEncryptionKey.openOrCreate(file, PASSWORD);
        byte[] wrapped = first.wrap(dataKey, CONTEXT);

        KeystoreKeyEncryptionKey reopened = KeystoreKeyEncryptionKey.openOrCreate(file, PASSWORD);

        assertThat(reopened.unwrap(first.currentId(), wrapped, CONTEXT)).isEqualTo(dataKey);
        assertThat(java.util.Arrays.equals(java.util.Arrays.copyOfRange(wrapped, 12, 44), dataKey)).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aWrappedKeyDoesNotUnwrapForAnotherPatientOrKey() {
        KeystoreKeyEncryptionKey kek = KeystoreKeyEncryptionKey.openOrCreate(folder.resolve("kek.p12"), PASSWORD);
        byte[] wrapped = kek.wrap(FieldCipher.newKey().getEncoded(), CONTEXT);

        assertThatThrownBy(() -> kek.unwrap(kek.currentId(), wrapped, "pt-b/k-1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kek.unwrap("kek-9", wrapped, CONTEXT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterARotationNewKeysUseTheNewKekAndOldOnesStillUnwrap() {
        Path file = folder.resolve("kek.p12");
        KeystoreKeyEncryptionKey before = KeystoreKeyEncryptionKey.openOrCreate(file, PASSWORD);
        byte[] dataKey = FieldCipher.newKey().getEncoded();
        byte[] wrapped = before.wrap(dataKey, CONTEXT);

        KeystoreKeyEncryptionKey.rotate(file, PASSWORD);
        KeystoreKeyEncryptionKey after = KeystoreKeyEncryptionKey.openOrCreate(file, PASSWORD);

        assertThat(after.currentId()).isEqualTo("kek-2").isNotEqualTo(before.currentId());
        assertThat(after.unwrap(before.currentId(), wrapped, CONTEXT)).isEqualTo(dataKey);
    }

    @Test
    void aRetiredKekNoLongerUnwrapsTheNewestCannotBeRetiredAndIdsAreNotReused() throws Exception {
        Path file = folder.resolve("kek.p12");
        KeystoreKeyEncryptionKey first = KeystoreKeyEncryptionKey.openOrCreate(file, PASSWORD);
        byte[] wrapped = first.wrap(FieldCipher.newKey().getEncoded(), CONTEXT);
        KeystoreKeyEncryptionKey.rotate(file, PASSWORD);

        assertThatThrownBy(() -> KeystoreKeyEncryptionKey.retire(file, PASSWORD, "kek-2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newest");
        assertThatThrownBy(() -> KeystoreKeyEncryptionKey.retire(file, PASSWORD, "kek-7"))
                .isInstanceOf(IllegalArgumentException.class);
        KeystoreKeyEncryptionKey.retire(file, PASSWORD, "kek-1");

        KeystoreKeyEncryptionKey after = KeystoreKeyEncryptionKey.openOrCreate(file, PASSWORD);
        assertThat(after.ids()).containsExactly("kek-2");
        assertThatThrownBy(() -> after.unwrap("kek-1", wrapped, CONTEXT)).isInstanceOf(IllegalStateException.class);
        KeystoreKeyEncryptionKey.rotate(file, PASSWORD);
        assertThat(KeystoreKeyEncryptionKey.openOrCreate(file, PASSWORD).ids()).containsExactly("kek-2", "kek-3");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theWrongPasswordDoesNotOpenTheKeystore() {
        Path file = folder.resolve("kek.p12");
        KeystoreKeyEncryptionKey.openOrCreate(file, PASSWORD);

        assertThatThrownBy(() -> KeystoreKeyEncryptionKey.openOrCreate(file, "wrong".toCharArray()))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void aPasswordFileGivesItsFirstLineWithoutSurroundingSpaceAndAnEmptyOneIsRefused() throws Exception {
        Path mounted = Files.writeString(folder.resolve("mounted"), "  s3cret-kek \nsecond line\n", StandardCharsets.UTF_8);
        Path empty = Files.writeString(folder.resolve("empty"), "\n\n", StandardCharsets.UTF_8);

        assertThat(KeystoreKeyEncryptionKey.readPassword(mounted)).isEqualTo("s3cret-kek".toCharArray());
        assertThatThrownBy(() -> KeystoreKeyEncryptionKey.readPassword(empty)).hasMessageContaining(empty + " is empty");
        assertThatThrownBy(() -> KeystoreKeyEncryptionKey.readPassword(folder.resolve("missing")))
                .hasMessageContaining("cannot be read");
    }
}
