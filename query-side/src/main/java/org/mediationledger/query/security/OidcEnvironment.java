package org.mediationledger.query.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passes {@code ml.oidc.*} (set by {@code ML_OIDC_*}, application.yml) on to Spring Boot's resource
 * server properties, but only those that are set: Boot creates a JWT decoder as soon as
 * {@code jwk-set-uri} is present at all, even empty, so application.yml cannot name it with an empty
 * default. With none of them set there is no decoder and only HTTP Basic is accepted
 * (docs/decisions/0014). A {@code spring.security.oauth2.resourceserver.jwt.*} property set directly wins.
 */
public class OidcEnvironment implements EnvironmentPostProcessor {

    static final String SPRING_JWT = "spring.security.oauth2.resourceserver.jwt.";
    private static final Map<String, String> PASSED_ON = Map.of(
            "ml.oidc.issuer-uri", SPRING_JWT + "issuer-uri",
            "ml.oidc.jwk-set-uri", SPRING_JWT + "jwk-set-uri",
            "ml.oidc.public-key-location", SPRING_JWT + "public-key-location",
            "ml.oidc.audiences", SPRING_JWT + "audiences");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new LinkedHashMap<>();
        PASSED_ON.forEach((ours, boots) -> {
            String value = environment.getProperty(ours);
            if (StringUtils.hasText(value) && !environment.containsProperty(boots)) {
                properties.put(boots, value.trim());
            }
        });
        if (!properties.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("ml-oidc", properties));
        }
    }
}
