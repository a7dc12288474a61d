package org.mediationledger.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a successful command answers: the aggregate's id and its version after the command. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandAnswer(String caseId, String lawyerId, String fundId, String claimantKey, long version) {

    public static CommandAnswer forCase(String caseId, long version) {
        return new CommandAnswer(caseId, null, null, null, version);
    }

    public static CommandAnswer forLawyer(String lawyerId, long version) {
        return new CommandAnswer(null, lawyerId, null, null, version);
    }

    public static CommandAnswer forFund(String fundId, long version) {
        return new CommandAnswer(null, null, fundId, null, version);
    }

    public static CommandAnswer forWorker(String claimantKey, long version) {
        return new CommandAnswer(null, null, null, claimantKey, version);
    }
}
