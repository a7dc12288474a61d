package org.mediationledger.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo accounts of the embedded default (API.md, "Authentication"); off outside it.
 *
 * @param enabled  whether the demo accounts exist at all
 * @param password the one password of every demo account
 * @param lawyers  how many lawyer accounts ({@code lawyer1} ... {@code lawyerN})
 */
@ConfigurationProperties("ml.demo-accounts")
public record DemoAccountSettings(boolean enabled, String password, int lawyers) {
}
