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
import com.rxflow.escalation.EscalationServiceTest;
import com.rxflow.escalation.security.AccessProperties.Role;

class StaffDirectoryTest {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final String DEV_HASH = localProfile().getProperty("rxflow.escalation.access.users[0].password");
    private static final String AUDITOR_HASH = localProfile().getProperty("rxflow.escalation.access.users[1].password");
    private static final String PRIVACY_HASH = localProfile().getProperty("rxflow.escalation.access.users[2].password");

    @Test
    void theLocalProfileShipsADocumentedPharmacistAuditorAndPrivacyOfficerWithHashedPasswords() {
        var local = localProfile();

        assertThat(local.getProperty("rxflow.escalation.access.users[0].username")).isEqualTo("pharmacist");
        assertThat(local.getProperty("rxflow.escalation.access.users[0].roles[0]")).isEqualTo("PHARMACIST");
        assertThat(DEV_HASH).startsWith("{bcrypt}").doesNotContain(StaffDirectory.DEVELOPMENT_PASSWORD);
        assertThat(ENCODER.matches(StaffDirectory.DEVELOPMENT_PASSWORD, DEV_HASH)).isTrue();
        assertThat(local.getProperty("rxflow.escalation.access.users[1].username")).isEqualTo("auditor");
        assertThat(local.getProperty("rxflow.escalation.access.users[1].roles[0]")).isEqualTo("AUDITOR");
        assertThat(ENCODER.matches(StaffDirectory.AUDITOR_DEVELOPMENT_PASSWORD, AUDITOR_HASH)).isTrue();
        assertThat(local.getProperty("rxflow.escalation.access.users[2].username")).isEqualTo("privacy");
        assertThat(local.getProperty("rxflow.escalation.access.users[2].roles[0]")).isEqualTo("PRIVACY_OFFICER");
        assertThat(PRIVACY_HASH).startsWith("{bcrypt}");
        assertThat(ENCODER.matches(StaffDirectory.PRIVACY_OFFICER_DEVELOPMENT_PASSWORD, PRIVACY_HASH)).isTrue();
        assertThat(local.getProperty("rxflow.escalation.access.users[3].username")).as("three accounts").isNull();
    }

    @Test
    void thePrivacyOfficersDevelopmentPasswordIsRefusedOutsideTheLocalProfileToo() {
        List<AccessProperties.User> users = List.of(new AccessProperties.User("privacy", PRIVACY_HASH,
                "Priya Privacy", Set.of(Role.PRIVACY_OFFICER)));

        assertThatThrownBy(() -> new StaffDirectory(users, ENCODER, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rxflow.escalation.access.users[0].password (privacy) is the documented "
                        + "development password");
        assertThat(new StaffDirectory(users, ENCODER, true).loadUserByUsername("privacy").getAuthorities())
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_PRIVACY_OFFICER");
    }

    @Test
    void theAuditorsDevelopmentPasswordIsRefusedOutsideTheLocalProfileToo() {
        List<AccessProperties.User> users = List.of(
                new AccessProperties.User("auditor", AUDITOR_HASH, "Alex Auditor", Set.of(Role.AUDITOR)));

        assertThatThrownBy(() -> new StaffDirectory(users, ENCODER, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rxflow.escalation.access.users[0].password (auditor) is the documented "
                        + "development password");
        assertThat(new StaffDirectory(users, ENCODER, true).loadUserByUsername("auditor").getAuthorities())
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_AUDITOR");
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
                "--rxflow.service-key=" + EscalationServiceTest.SERVICE_KEY, "--rxflow.escalation.peers.allow-plain-http=true",
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
