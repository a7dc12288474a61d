package org.mediationledger.events.common;

/**
 * The other side of a dispute: employer, platform, dispatch agency or franchisee.
 *
 * @param creditCode unified social credit code (统一社会信用代码), or {@code null} when unknown
 */
public record Respondent(String name, String creditCode) {
}
