package com.rxflow.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.rxflow.auth.AuthServerProperties.User;

class AuthServerPropertiesTest {

    @Test
    void anAccountIsEitherAPatientOrStaffNeverBothOrNeither() {
        assertThat(new User("john", "{noop}x", "John Smith", "patient_001", List.of()).isPatient()).isTrue();
        assertThat(new User("auditor", "{noop}x", "Auditor", null, List.of("AUDITOR")).isPatient()).isFalse();
        assertThatThrownBy(() -> new User("both", "{noop}x", "Both", "patient_001", List.of("PHARMACIST")))
                .hasMessageContaining("both needs either a patient-id (a patient) or roles (staff)");
        assertThatThrownBy(() -> new User("neither", "{noop}x", "Neither", " ", List.of()))
                .hasMessageContaining("not both and not neither");
    }

    @Test
    void theLocalProfileShipsTheDocumentedDemoAccountsAsBcryptHashesOnly() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("auth-server-local.yml"));
        var local = yaml.getObject();
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

        List<String> users = List.of("john", "mary", "pharmacist", "auditor");
        for (int i = 0; i < users.size(); i++) {
            String hash = local.getProperty("rxflow.auth.users[" + i + "].password");
            assertThat(local.getProperty("rxflow.auth.users[" + i + "].username")).isEqualTo(users.get(i));
            assertThat(hash).startsWith("{bcrypt}").doesNotContain("rxflow-local");
            assertThat(encoder.matches("rxflow-local-" + users.get(i), hash)).as(users.get(i)).isTrue();
        }
        assertThat(local.getProperty("rxflow.auth.users[4].username")).isNull();
    }
}
