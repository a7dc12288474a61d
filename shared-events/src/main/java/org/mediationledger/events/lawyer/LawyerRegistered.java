package org.mediationledger.events.lawyer;

import org.axonframework.serialization.Revision;

/**
 * Union staff registered a lawyer who may mediate and give legal aid.
 *
 * @param maxActiveCases how many open cases the lawyer may be responsible for at once
 */
@Revision("1")
public record LawyerRegistered(String lawyerId, String name, int maxActiveCases) implements LawyerEvent {
}
