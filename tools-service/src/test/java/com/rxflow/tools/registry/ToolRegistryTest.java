package com.rxflow.tools.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.rxflow.tools.TestData;
import com.rxflow.tools.medication.MedicationHistoryTool;

class ToolRegistryTest {

    private final MedicationHistoryTool history = new MedicationHistoryTool(TestData.patients(), TestData.catalogue());

    @Test
    void findsAToolByItsName() {
        ToolRegistry registry = new ToolRegistry(List.of(history));

        assertThat(registry.find("medication_history")).containsSame(history);
        assertThat(registry.find("order_refill")).isEmpty();
        assertThat(registry.names()).containsExactly("medication_history");
    }

    @Test
    void refusesTwoToolsWithOneName() {
        assertThatThrownBy(() -> new ToolRegistry(List.of(history, new MedicationHistoryTool(TestData.patients(), TestData.catalogue()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'medication_history'");
    }
}
