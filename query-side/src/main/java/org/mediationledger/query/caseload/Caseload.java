package org.mediationledger.query.caseload;

import java.util.List;
import java.util.Map;

/** Per registered lawyer, the open cases they are responsible for ({@code GET /api/caseload}). */
public record Caseload(List<LawyerCaseload> lawyers) {

    /**
     * @param activeCases open cases the lawyer is responsible for (the mediator, until legal aid takes over)
     * @param byStage     those cases per stage; every open stage is listed, zeros included
     * @param dueSoon     those with a pending deadline (any kind) whose last day is within the next days (7 by default)
     * @param overdue     those with a lapsed or overdue item not yet made good (docs/deadlines.md)
     */
    public record LawyerCaseload(String lawyerId,
                                 String name,
                                 int maxActiveCases,
                                 long activeCases,
                                 Map<String, Long> byStage,
                                 long dueSoon,
                                 long overdue) {
    }
}
