package org.mediationledger.bench;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the benchmark sends: intakes by {@code staff}, and payments of 1 to 100 fen by each case's
 * mediator on cases whose claim (10,000,000.00 yuan) cannot run out within any run.
 */
final class Workload {

    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    static final long CLAIMED_FEN = 1_000_000_000L;
    static final int WORKERS = 5000;
    static final String[] DISTRICTS = {"市北区", "市南区", "李沧区", "崂山区", "黄岛区", "城阳区"};
    static final String[] CHANNELS = {"WALK_IN", "HOTLINE", "ONLINE", "INFORMATION_OFFICER"};

    /** A case set up for payments, with the mediator who records them. */
    record PayableCase(String caseId, String lawyer) {
    }

    enum Kind { PAYMENT, INTAKE }

    /** One request to send. */
    record Op(Kind kind, String caseId, String path, String user, String json, String idempotencyKey) {
    }

    /** Business dates kept in the past whatever the hour: applied 10 days ago, paid yesterday. */
    final LocalDate today = LocalDate.now(BUSINESS_ZONE);
    final LocalDate appliedOn = today.minusDays(10);
    final LocalDate receivedOn = today.minusDays(9);
    final LocalDate paidOn = today.minusDays(1);

    private final String[] idNumbers = new String[WORKERS];
    private final String runTag = Long.toString(System.currentTimeMillis(), 36);
    private final int intakePercent;
    private final boolean idempotencyKeys;
    private volatile List<PayableCase> payable = List.of();

    Workload(int intakePercent, boolean idempotencyKeys) {
        this.intakePercent = intakePercent;
        this.idempotencyKeys = idempotencyKeys;
        for (int n = 0; n < WORKERS; n++) {
            idNumbers[n] = idNumber(n);
        }
    }

    void payable(List<PayableCase> cases) {
        this.payable = List.copyOf(cases);
    }

    Op next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        List<PayableCase> cases = payable;
        if (cases.isEmpty() || r.nextInt(100) < intakePercent) {
            return intake(UUID.randomUUID().toString(), r.nextInt(WORKERS));
        }
        return payment(cases.get(r.nextInt(cases.size())), 1 + r.nextInt(100));
    }

    Op payment(PayableCase c, long amountFen) {
        String paymentId = "bench-" + runTag + "-" + UUID.randomUUID();
        String json = "{\"paymentId\":\"" + paymentId + "\",\"amountFen\":" + amountFen + ",\"paidOn\":\"" + paidOn
                + "\",\"source\":\"EMPLOYER_VOLUNTARY\"}";
        return new Op(Kind.PAYMENT, c.caseId(), "/api/cases/" + c.caseId() + "/payments", c.lawyer(), json,
                idempotencyKeys ? paymentId : null);
    }

    Op intake(String caseId, int worker) {
        String json = "{\"caseId\":\"" + caseId + "\","
                + "\"claimant\":{\"name\":\"工人" + worker + "\",\"idNumber\":\"" + idNumbers[worker] + "\","
                + "\"phone\":\"139" + String.format("%08d", worker) + "\",\"employmentForm\":\"PLATFORM_COOPERATION\"},"
                + "\"respondents\":[{\"name\":\"某配送服务有限公司" + (worker % 97) + "\",\"creditCode\":null}],"
                + "\"category\":\"UNPAID_WAGES\",\"claimedFen\":" + CLAIMED_FEN + ","
                + "\"channel\":\"" + CHANNELS[worker % CHANNELS.length] + "\","
                + "\"district\":\"" + DISTRICTS[worker % DISTRICTS.length] + "\","
                + "\"facts\":\"送餐平台欠薪（基准测试）\",\"appliedOn\":\"" + appliedOn + "\"}";
        return new Op(Kind.INTAKE, caseId, "/api/cases", "staff", json, idempotencyKeys ? "intake-" + caseId : null);
    }

    String assignMediator(String lawyer, boolean overLimit) {
        return "{\"lawyerId\":\"" + lawyer + "\",\"receivedOn\":\"" + receivedOn + "\""
                + (overLimit ? ",\"overLimitReason\":\"benchmark run\"" : "") + "}";
    }

    static String registerLawyer(String lawyer, int maxActiveCases) {
        return "{\"lawyerId\":\"" + lawyer + "\",\"name\":\"基准律师" + lawyer.substring("lawyer".length())
                + "\",\"maxActiveCases\":" + maxActiveCases + "}";
    }

    /** A valid resident ID number (GB 11643 check digit) for worker n, born 1990-01-01 + n days (as AcceptanceTest). */
    static String idNumber(int n) {
        String first17 = "370203" + LocalDate.of(1990, 1, 1).plusDays(n).toString().replace("-", "") + String.format("%03d", n % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (first17.charAt(k) - '0') * weights[k];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
