package com.rxflow.processor.understanding.semantic;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The exemplars' normal forms as the build computed them. The safety screen's normal form of an
 * exemplar is a pass of every red-flag rule over it, seconds for the whole bank at each start, and
 * it depends on the rules and on the code that reads them, not only on the data. So the build
 * records, beside the forms, the path of every compiled class and resource they were computed with
 * and one SHA-256 over them; a start reads the same paths from its class path and recomputes it.
 * Byte for byte the same, the forms are used; any difference, a missing file or another format, and
 * the start normalises as before. A cache: it changes how long a start takes, never an answer.
 */
public final class NormalForms {

    public static final String SNAPSHOT = "/com/rxflow/processor/understanding/semantic/normal-forms.bin";
    private static final String FORMAT = "rxflow-normal-forms/1";

    private NormalForms() {
    }

    /**
     * @param inputs  the class-path resources (paths without a leading slash) the forms were computed with
     * @param digest  {@link #digest} over them
     * @param normals each exemplar's text and its normal form
     */
    public static void write(OutputStream out, List<String> inputs, String digest, Map<String, String> normals)
            throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        data.writeUTF(FORMAT);
        data.writeUTF(digest);
        data.writeInt(inputs.size());
        for (String input : inputs) {
            data.writeUTF(input);
        }
        data.writeInt(normals.size());
        for (Map.Entry<String, String> e : normals.entrySet()) {
            data.writeUTF(e.getKey());
            data.writeUTF(e.getValue());
        }
        data.flush();
    }

    /**
     * The forms in a snapshot, if every input it names reads the same through {@code resources}
     * (a path to its bytes, or null when there is no such resource); empty otherwise.
     */
    public static Optional<Map<String, String>> read(InputStream in, Function<String, InputStream> resources)
            throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (!FORMAT.equals(data.readUTF())) {
            return Optional.empty();
        }
        String digest = data.readUTF();
        int count = data.readInt();
        List<String> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inputs.add(data.readUTF());
        }
        Optional<String> now = digest(inputs, resources);
        if (now.isEmpty() || !now.get().equals(digest)) {
            return Optional.empty();
        }
        int size = data.readInt();
        Map<String, String> normals = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            normals.put(data.readUTF(), data.readUTF());
        }
        return Optional.of(normals);
    }

    /** The build's forms, if they hold for this class path; empty when there are none or they do not. */
    public static Optional<Map<String, String>> bundled() {
        try (InputStream in = NormalForms.class.getResourceAsStream(SNAPSHOT)) {
            return in == null ? Optional.empty() : read(in, path -> NormalForms.class.getResourceAsStream("/" + path));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** SHA-256 over each input's path and bytes, in the order given; empty if one of them is missing. */
    public static Optional<String> digest(List<String> inputs, Function<String, InputStream> resources) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String input : inputs) {
            try (InputStream in = resources.apply(input)) {
                if (in == null) {
                    return Optional.empty();
                }
                sha.update(input.getBytes(StandardCharsets.UTF_8));
                sha.update(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }
}
