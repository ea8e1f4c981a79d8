package com.rxflow.processor.understanding.semantic;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RidgeClassifier.Solution} kept in a file, under the fingerprint of everything it was
 * solved from (each example's features, its label, the penalty and the kernel). A kept solution is
 * used only for exactly those inputs, so it gives the classifier a fit would give: when a vector,
 * an example or a setting differs in one bit, the classifier is fitted as before. The same for the
 * safety screen's {@link LinearRidge} fits.
 */
public final class RidgeSolutions {

    private static final String FORMAT = "rxflow-ridge-solution/1";
    private static final String LINEAR_FORMAT = "rxflow-linear-ridge/1";

    private RidgeSolutions() {
    }

    /** SHA-256 over the examples' features and labels, the penalty and the kernel, in hex. */
    public static String fingerprint(List<Features> features, List<String> labels, double lambda,
            RidgeClassifier.Kernel kernel) {
        MessageDigest sha = sha256();
        sha.update(ByteBuffer.allocate(16).putDouble(lambda).putInt(kernel.ordinal()).putInt(features.size()).array());
        for (int i = 0; i < features.size(); i++) {
            update(sha, features.get(i));
            byte[] label = labels.get(i).getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(label.length).array());
            sha.update(label);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** SHA-256 over the examples' features, every target's value for each and the penalty, in hex ({@link LinearRidge}). */
    public static String fingerprint(List<Features> features, double[][] targets, double lambda) {
        MessageDigest sha = sha256();
        sha.update(ByteBuffer.allocate(16).putDouble(lambda).putInt(targets.length).putInt(features.size()).array());
        for (int i = 0; i < features.size(); i++) {
            update(sha, features.get(i));
            ByteBuffer b = ByteBuffer.allocate(8 * targets.length);
            for (double[] target : targets) {
                b.putDouble(target[i]);
            }
            sha.update(b.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, Features f) {
        ByteBuffer b = ByteBuffer.allocate(4 * (f.dense().length + 2 * f.slots().length + 3));
        b.putInt(f.length()).putInt(f.dense().length).putInt(f.slots().length);
        for (float v : f.dense()) {
            b.putFloat(v);
        }
        for (int s : f.slots()) {
            b.putInt(s);
        }
        for (float v : f.values()) {
            b.putFloat(v);
        }
        sha.update(b.array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(OutputStream out, String fingerprint, RidgeClassifier.Solution solution) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        data.writeUTF(FORMAT);
        data.writeUTF(fingerprint);
        data.writeInt(solution.labels().size());
        int n = solution.alphas().length == 0 ? 0 : solution.alphas()[0].length;
        data.writeInt(n);
        for (int c = 0; c < solution.labels().size(); c++) {
            data.writeUTF(solution.labels().get(c));
            for (double a : solution.alphas()[c]) {
                data.writeDouble(a);
            }
        }
        data.flush();
    }

    /** The solution kept for these inputs, or empty if the file holds another format or another fingerprint. */
    public static Optional<RidgeClassifier.Solution> read(InputStream in, String fingerprint) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (!FORMAT.equals(data.readUTF()) || !fingerprint.equals(data.readUTF())) {
            return Optional.empty();
        }
        int labels = data.readInt();
        int n = data.readInt();
        List<String> names = new ArrayList<>(labels);
        double[][] alphas = new double[labels][n];
        for (int c = 0; c < labels; c++) {
            names.add(data.readUTF());
            for (int i = 0; i < n; i++) {
                alphas[c][i] = data.readDouble();
            }
        }
        return Optional.of(new RidgeClassifier.Solution(List.copyOf(names), alphas));
    }

    /** Linear fits under their fingerprints ({@link LinearRidge#fingerprint()}). */
    public static void writeLinear(OutputStream out, List<LinearRidge> fits) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        data.writeUTF(LINEAR_FORMAT);
        data.writeInt(fits.size());
        for (LinearRidge fit : fits) {
            data.writeUTF(fit.fingerprint());
            data.writeInt(fit.iterations());
            float[][] w = fit.weights();
            data.writeInt(w.length);
            data.writeInt(w.length == 0 ? 0 : w[0].length);
            for (float[] row : w) {
                for (float v : row) {
                    data.writeFloat(v);
                }
            }
        }
        data.flush();
    }

    /** The linear fits in a file, by fingerprint; empty if it holds another format. */
    public static Map<String, LinearRidge> readLinear(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (!LINEAR_FORMAT.equals(data.readUTF())) {
            return Map.of();
        }
        int count = data.readInt();
        Map<String, LinearRidge> fits = new HashMap<>();
        for (int f = 0; f < count; f++) {
            String fingerprint = data.readUTF();
            int iterations = data.readInt();
            float[][] w = new float[data.readInt()][data.readInt()];
            for (float[] row : w) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = data.readFloat();
                }
            }
            fits.put(fingerprint, LinearRidge.kept(w, iterations, fingerprint));
        }
        return fits;
    }
}
