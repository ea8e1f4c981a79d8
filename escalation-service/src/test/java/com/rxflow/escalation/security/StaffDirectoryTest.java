package com.rxflow.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.rxflow.escalation.EscalationServiceApplication;
import com.rxflow.escalation.security.AccessProperties.Role;

class StaffDirectoryTest {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final String DEV_HASH = localProfile().getProperty("rxflow.escalation.access.users[0].password");

    @Test
    void theLocalProfileShipsADocumentedPharmacistAndAuditorWithAHashedPassword() {
        var local = localProfile();

        assertThat(local.getProperty("rxflow.escalation.access.users[0].username")).isEqualTo("pharmacist");
        assertThat(local.getProperty("rxflow.escalation.access.users[0].roles[0]")).isEqualTo("PHARMACIST");
        assertThat(local.getProperty("rxflow.escalation.access.users[1].username")).isEqualTo("auditor");
        assertThat(local.getProperty("rxflow.escalation.access.users[1].roles[0]")).isEqualTo("AUDITOR");
        assertThat(local.getProperty("rxflow.escalation.access.users[1].password")).isEqualTo(DEV_HASH);
        assertThat(local.getProperty("rxflow.escalation.access.users[2].username")).as("two accounts").isNull();
        assertThat(DEV_HASH).startsWith("{bcrypt}").doesNotContain(StaffDirectory.DEVELOPMENT_PASSWORD);
        assertThat(ENCODER.matches(StaffDirectory.DEVELOPMENT_PASSWORD, DEV_HASH)).isTrue();
    }

    @Test
    void theDevelopmentPasswordIsRefusedOutsideTheLocalProfileNamingTheSetting() {
        List<AccessProperties.User> users = List.of(
                new AccessProperties.User("jmartinez", ENCODER.encode("a real one"), "Jennifer", Set.of(Role.PHARMACIST)),
                new AccessProperties.User("renamed", DEV_HASH, "Someone", Set.of(Role.PHARMACIST)));

        assertThatThrownBy(() -> new StaffDirectory(users, ENCODER, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rxflow.escalation.access.users[1].password")
                .hasMessageContaining("development password");
        assertThat(new StaffDirectory(users, ENCODER, true).displayName("renamed")).contains("Someone");
    }

    @Test
    void aUserHasTheRolesConfiguredAndTheirDisplayName() {
        StaffDirectory staff = new StaffDirectory(List.of(new AccessProperties.User("drjohnson",
                ENCODER.encode("secret"), "Dr. Sarah Johnson", Set.of(Role.PRESCRIBER))), ENCODER, false);

        assertThat(staff.loadUserByUsername("drjohnson").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_PRESCRIBER");
        assertThat(staff.displayName("drjohnson")).contains("Dr. Sarah Johnson");
    }

    @Test
    void theServiceRefusesToStartWithTheDevelopmentAccountInAnotherProfile() {
        assertThatThrownBy(() -> EscalationServiceApplication.application().run(
                "--spring.profiles.active=prod", "--server.port=0", "--spring.kafka.bootstrap-servers=localhost:1",
                "--spring.kafka.streams.auto-startup=false", "--spring.kafka.listener.auto-startup=false",
                "--spring.kafka.admin.auto-create=false", "--rxflow.streams.state-dir=target/streams-state/refusal",
                "--rxflow.escalation.access.users[0].username=pharmacist",
                "--rxflow.escalation.access.users[0].password=" + DEV_HASH,
                "--rxflow.escalation.access.users[0].display-name=Jennifer Martinez",
                "--rxflow.escalation.access.users[0].roles=PHARMACIST").close())
                .hasStackTraceContaining("rxflow.escalation.access.users[0].password (pharmacist) is the documented "
                        + "development password of the local profile");
    }

    private static java.util.Properties localProfile() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("escalation-service-local.yml"));
        return yaml.getObject();
    }
}
