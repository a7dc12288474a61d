package org.mediationledger.events.lawyer;

/** Facts about one union-assigned lawyer. */
public sealed interface LawyerEvent permits LawyerRegistered {

    String lawyerId();
}
