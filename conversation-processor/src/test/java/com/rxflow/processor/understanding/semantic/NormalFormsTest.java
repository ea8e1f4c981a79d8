package com.rxflow.processor.understanding.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class NormalFormsTest {

    private final Map<String, String> classPath = new HashMap<>(Map.of(
            "rules.txt", "alarm SUICIDE_SELF_HARM: ctb",
            "Screen.class", "bytecode"));
    private final List<String> inputs = List.of("Screen.class", "rules.txt");
    private final Map<String, String> normals = Map.of("thinking abt ctb", "thinking about", "refill pls", "refill please");

    @Test
    void formsWrittenWithTheseClassesAndResourcesAreReadBack() throws IOException {
        assertThat(readBack(snapshot())).contains(normals);
    }

    @Test
    void oneChangedByteInAnyInputAndTheFormsAreNotUsed() throws IOException {
        byte[] snapshot = snapshot();
        classPath.put("rules.txt", "alarm SUICIDE_SELF_HARM: ctb|kms");

        assertThat(readBack(snapshot)).isEmpty();
    }

    @Test
    void aMissingInputAndTheFormsAreNotUsed() throws IOException {
        byte[] snapshot = snapshot();
        classPath.remove("Screen.class");

        assertThat(readBack(snapshot)).isEmpty();
    }

    @Test
    void aFileOfAnotherFormatIsNotRead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmbeddingSnapshot.write(out, "some-model", Map.of("a", new float[] {1f}));

        assertThat(readBack(out.toByteArray())).isEmpty();
    }

    private byte[] snapshot() throws IOException {
        String digest = NormalForms.digest(inputs, this::open).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NormalForms.write(out, inputs, digest, normals);
        return out.toByteArray();
    }

    private Optional<Map<String, String>> readBack(byte[] snapshot) throws IOException {
        return NormalForms.read(new ByteArrayInputStream(snapshot), this::open);
    }

    private InputStream open(String path) {
        String content = classPath.get(path);
        return content == null ? null : new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }
}
