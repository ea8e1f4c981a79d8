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

import com.rxflow.launcher.identity.SignInException;
import com.rxflow.launcher.identity.SignInOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow chat}: a terminal chat with RxFlow through the gateway's API, as a patient on a
 * channel would have it, for developers and demos. The patient signs in first (locally as john by
 * default, see {@link SignInOptions}); the gateway takes the patient from the access token. Each
 * line typed is one message, posted with
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

    @Mixin
    private SignInOptions signIn;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "20",
            description = "How long to wait for the assistant's answer to each message (at most 30).")
    private int waitSeconds;

    private final InputStream input;
    private GatewayClient client;

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
        client = signIn(err);
        if (client == null) {
            return 1;
        }
        String conversationId = open(out, err);
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
                conversationId = open(out, err);
                if (conversationId == null) {
                    return 1;
                }
            } else if (!text.isEmpty()) {
                say(conversationId, text, out, err);
            }
            prompt(out);
        }
        out.println();
        out.flush();
        return 0;
    }

    /** Signs in; a client of the gateway with the access token, or null when there is none (said on {@code err}). */
    private GatewayClient signIn(PrintWriter err) throws InterruptedException {
        try {
            return new GatewayClient(gateway, signIn.accessToken(err));
        } catch (SignInException e) {
            err.println("rxflow chat: sign-in at " + signIn.issuer() + " failed: " + e.getMessage());
        } catch (IOException e) {
            err.println("rxflow chat: cannot reach the sign-in server at " + signIn.issuer() + " (" + e
                    + "). Is './rxflow up' running?");
        }
        return null;
    }

    private String open(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        GatewayClient.Answer opened;
        try {
            opened = client.openConversation();
        } catch (IOException e) {
            err.println("rxflow chat: cannot reach the gateway at " + gateway + " (" + e + "). Is './rxflow up' running?");
            return null;
        }
        if (!opened.ok()) {
            err.println("rxflow chat: the gateway refused to open a conversation: " + opened.problem());
            return null;
        }
        String conversationId = opened.body().get("conversationId").asString();
        // the gateway took the patient from the token: the conversation is the signed-in user's
        out.println("Conversation " + conversationId + " for " + signIn.user() + ". Type a message; " + QUIT + " leaves, "
                + NEW + " starts over.");
        return conversationId;
    }

    private void say(String conversationId, String text, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        String messageId = "cli-" + UUID.randomUUID();
        GatewayClient.Answer answer = client.postMessage(conversationId, messageId, text, waitSeconds);
        if (answer.status() == 401) {
            // the access token expired (they last 15 minutes): sign in again and send the same message once more
            GatewayClient renewed = signIn(err);
            if (renewed == null) {
                return;
            }
            client = renewed;
            answer = client.postMessage(conversationId, messageId, text, waitSeconds);
        }
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
