package org.mediationledger.command.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** ML_OIDC_* reach Spring Boot's resource server only when set: an empty JWK set URI would switch it on. */
class OidcEnvironmentTest {

    @Test
    void onlySetValuesArePassedOn_andASpringPropertySetDirectlyWins() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("ml.oidc.issuer-uri", "https://id.example/realms/ml")
                .withProperty("ml.oidc.jwk-set-uri", "")
                .withProperty("ml.oidc.public-key-location", " ")
                .withProperty("ml.oidc.audiences", "mediation-ledger")
                .withProperty(OidcEnvironment.SPRING_JWT + "audiences", "set-directly");

        new OidcEnvironment().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(OidcEnvironment.SPRING_JWT + "issuer-uri")).isEqualTo("https://id.example/realms/ml");
        assertThat(environment.containsProperty(OidcEnvironment.SPRING_JWT + "jwk-set-uri")).isFalse();
        assertThat(environment.containsProperty(OidcEnvironment.SPRING_JWT + "public-key-location")).isFalse();
        assertThat(environment.getProperty(OidcEnvironment.SPRING_JWT + "audiences")).isEqualTo("set-directly");
    }

    @Test
    void nothingSet_nothingPassedOn() {
        MockEnvironment environment = new MockEnvironment().withProperty("ml.oidc.jwk-set-uri", "");
        new OidcEnvironment().postProcessEnvironment(environment, null);
        assertThat(environment.getPropertySources().contains("ml-oidc")).isFalse();
    }
}
