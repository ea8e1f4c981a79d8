package com.rxflow.launcher.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Callable;

import tools.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow chat}: a terminal chat with RxFlow through the gateway's API, as a patient on a
 * channel would have it, for developers and demos. Each line typed is one message, posted with
 * {@code Prefer: wait} so the replies print as soon as the assistant has answered. Reading lines
 * from a pipe works too: {@code echo "Which medications am I on?" | rxflow chat}.
 */
@Command(name = "chat", showDefaultValues = true,
        description = "Chat with RxFlow in the terminal through the gateway's API (/quit leaves, /new starts over).")
public final class ChatCommand implements Callable<Integer> {

    static final String QUIT = "/quit";
    static final String NEW = "/new";

    @Spec
    private CommandSpec spec;

    @Option(names = "--gateway", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "The gateway's base URL.")
    private URI gateway;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:RXFLOW_API_KEY:-rxflow-local-dev}",
            description = "The channel key (X-Api-Key); defaults to $RXFLOW_API_KEY, else the local development key.")
    private String apiKey;

    @Option(names = "--patient", paramLabel = "ID", defaultValue = "patient_001",
            description = "The patient to chat as (patient_001 John Smith, patient_002 Mary Johnson).")
    private String patientId;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "20",
            description = "How long to wait for the assistant's answer to each message (at most 30).")
    private int waitSeconds;

    private final InputStream input;

    public ChatCommand() {
        this(System.in);
    }

    /** For tests: reads the patient's lines from {@code input}. */
    public ChatCommand(InputStream input) {
        this.input = input;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GatewayClient client = new GatewayClient(gateway, apiKey);
        String conversationId = open(client, out, err);
        if (conversationId == null) {
            return 1;
        }
        BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        prompt(out);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String text = line.strip();
            if (text.equals(QUIT)) {
                break;
            }
            if (text.equals(NEW)) {
                conversationId = open(client, out, err);
                if (conversationId == null) {
                    return 1;
                }
            } else if (!text.isEmpty()) {
                say(client, conversationId, text, out, err);
            }
            prompt(out);
        }
        out.println();
        out.flush();
        return 0;
    }

    private String open(GatewayClient client, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        GatewayClient.Answer opened;
        try {
            opened = client.openConversation(patientId);
        } catch (IOException e) {
            err.println("rxflow chat: cannot reach the gateway at " + gateway + " (" + e + "). Is './rxflow up' running?");
            return null;
        }
        if (!opened.ok()) {
            err.println("rxflow chat: the gateway refused to open a conversation: " + opened.problem());
            return null;
        }
        String conversationId = opened.body().get("conversationId").asString();
        out.println("Conversation " + conversationId + " for " + patientId + ". Type a message; " + QUIT + " leaves, "
                + NEW + " starts over.");
        return conversationId;
    }

    private void say(GatewayClient client, String conversationId, String text, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        GatewayClient.Answer answer = client.postMessage(conversationId, "cli-" + UUID.randomUUID(), text, waitSeconds);
        if (answer.status() == 200) {
            for (JsonNode reply : answer.body().get("replies")) {
                out.println(reply.get("author").asString().toLowerCase(java.util.Locale.ROOT) + "> "
                        + reply.get("text").asString());
            }
            JsonNode conversation = answer.body().get("conversation");
            if (conversation != null && conversation.hasNonNull("step")) {
                out.println("  (" + conversation.get("state").asString() + ", step " + conversation.get("step").asString()
                        + ")");
            }
        } else if (answer.status() == 202) {
            out.println("  (accepted; no answer within " + waitSeconds + " s, it will show in the conversation)");
        } else {
            err.println("rxflow chat: " + answer.problem());
        }
        out.flush();
    }

    private static void prompt(PrintWriter out) {
        out.print("you> ");
        out.flush();
    }
}
