package org.mediationledger.query.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** ML_OIDC_* reach Spring Boot's resource server only when set: an empty JWK set URI would switch it on. */
class OidcEnvironmentTest {

    @Test
    void onlySetValuesArePassedOn_andASpringPropertySetDirectlyWins() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("ml.oidc.issuer-uri", "")
                .withProperty("ml.oidc.jwk-set-uri", "https://id.example/certs")
                .withProperty("ml.oidc.public-key-location", "")
                .withProperty("ml.oidc.audiences", "mediation-ledger")
                .withProperty(OidcEnvironment.SPRING_JWT + "audiences", "set-directly");

        new OidcEnvironment().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(OidcEnvironment.SPRING_JWT + "jwk-set-uri")).isEqualTo("https://id.example/certs");
        assertThat(environment.containsProperty(OidcEnvironment.SPRING_JWT + "issuer-uri")).isFalse();
        assertThat(environment.containsProperty(OidcEnvironment.SPRING_JWT + "public-key-location")).isFalse();
        assertThat(environment.getProperty(OidcEnvironment.SPRING_JWT + "audiences")).isEqualTo("set-directly");
    }
}
