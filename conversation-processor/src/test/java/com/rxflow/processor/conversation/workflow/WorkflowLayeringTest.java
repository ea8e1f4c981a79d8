package com.rxflow.processor.conversation.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The workflow core stays a pure function, and its feature packages stay helpers of it: read from
 * the sources, so a new file in any of the packages is held to the same rules.
 */
class WorkflowLayeringTest {

    private static final Path CORE = Path.of("src/main/java/com/rxflow/processor/conversation/workflow");

    private static List<Path> sources(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> offending(Path folder, String... forbidden) throws IOException {
        return sources(folder).stream().filter(file -> {
            String text = read(file);
            return Stream.of(forbidden).anyMatch(text::contains);
        }).map(Path::toString).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }

    @Test
    void theWorkflowAndItsFeaturePackagesImportNeitherKafkaNorSpring() throws IOException {
        assertThat(sources(CORE)).hasSizeGreaterThan(30);
        assertThat(offending(CORE, "import org.apache.kafka", "import org.springframework")).isEmpty();
    }

    @Test
    void theRefillAndTheHandoffNeverCallBackIntoTheWorkflow() throws IOException {
        assertThat(offending(CORE.resolve("refill"), "ConversationWorkflow")).isEmpty();
        assertThat(offending(CORE.resolve("handoff"), "ConversationWorkflow", ".refill.")).isEmpty();
    }

    @Test
    void noCodeCastsToAConcreteConversationType() throws IOException {
        assertThat(offending(CORE, "instanceof RefillConversation", "(RefillConversation)",
                "instanceof SimpleConversation", "instanceof ClinicalConversation")).isEmpty();
    }
}
