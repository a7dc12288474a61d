package org.mediationledger.events.common;

import java.time.LocalDate;

/** One instalment of a mediation agreement: an amount in fen due on a business date (Asia/Shanghai). */
public record Instalment(LocalDate dueOn, long amountFen) {
}
