package org.mediationledger.command.disputecase;

/** The command names a lawyer nobody registered (answered 404, naming the lawyer). */
public class UnknownLawyer extends RuntimeException {

    private final String lawyerId;

    public UnknownLawyer(String lawyerId) {
        super("no lawyer is registered with id " + lawyerId);
        this.lawyerId = lawyerId;
    }

    public String lawyerId() {
        return lawyerId;
    }
}
