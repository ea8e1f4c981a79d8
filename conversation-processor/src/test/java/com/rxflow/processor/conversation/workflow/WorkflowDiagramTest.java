package com.rxflow.processor.conversation.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * docs/workflow.md shows the state machine as mermaid diagrams generated from the code, so the
 * documentation cannot drift: this test fails when the committed section differs from what the
 * code generates. Regenerate with
 * {@code ./mvnw -pl conversation-processor -am verify -Dtest=WorkflowDiagramTest -Dsurefire.failIfNoSpecifiedTests=false -Drxflow.docs.regenerate=true}.
 */
class WorkflowDiagramTest {

    static final Path DOC = Path.of("..", "docs", "workflow.md");
    static final String BEGIN = "<!-- generated from the code by WorkflowDiagramTest: do not edit by hand -->";
    static final String END = "<!-- end of generated section -->";

    @Test
    void theCommittedDiagramIsTheOneTheCodeGenerates() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("%s has the generated section markers", DOC).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String generated = BEGIN + "\n" + generated(ConversationTypes.defaults()) + END;
        String current = doc.substring(begin, end + END.length());
        if (!generated.equals(current) && Boolean.getBoolean("rxflow.docs.regenerate")) {
            Files.writeString(DOC, doc.substring(0, begin) + generated + doc.substring(end + END.length()));
            current = generated;
        }
        assertThat(current).as("docs/workflow.md is out of date: regenerate it (see this test's Javadoc)")
                .isEqualTo(generated);
    }

    static String generated(ConversationTypes types) {
        StateMachine machine = types.machine();
        StringBuilder out = new StringBuilder();
        out.append("\n### The lifecycle (developer guide)\n\n```mermaid\n").append(StateMachine.lifecycleMermaid())
                .append("```\n\n### The steps and their moves\n\n```mermaid\n").append(machine.mermaid())
                .append("```\n\n| step | lifecycle state | type | meaning |\n|---|---|---|---|\n");
        for (Step step : machine.steps()) {
            String owner = types.all().stream().filter(t -> t.steps().contains(step)).map(ConversationType::name)
                    .findFirst().orElse("all");
            out.append("| `").append(step.name()).append("` | ").append(step.lifecycle()).append(" | ").append(owner)
                    .append(" | ").append(step.description()).append(" |\n");
        }
        return out.append('\n').toString();
    }
}
