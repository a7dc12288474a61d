package org.mediationledger.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * One case from intake to a relief payout, through the console only, in Chinese, in the four roles:
 * union staff register a lawyer, set up a relief fund and take the dispute in; the lawyer records a
 * session, an agreement in instalments and a payment; the court liaison officer records the judicial
 * confirmation and the termination of enforcement; the lawyer applies for relief, which the fund pays;
 * the auditor finds the case and sees its history verified. Mistakes on the way show the API's (or
 * the console's) message beside the field and write nothing.
 */
class ConsoleWalkBrowserTest extends WholeSystemTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static ConsoleBrowser browser;

    @BeforeAll
    static void openBrowser() throws IOException {
        browser = new ConsoleBrowser(system.consoleUri());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aCaseFromIntakeToReliefPayout_inFourRoles_inChinese() throws IOException {
        // union staff: a lawyer, a fund with money in it, then the dispute
        browser.signIn("staff");
        browser.click(By.id("lawyers-link"));
        browser.click(By.id("register-lawyer"));
        browser.type("lawyerId", "lawyer7");
        browser.type("name", "陈静");
        browser.type("maxActiveCases", "10");
        browser.submit();
        assertThat(browser.text(By.id("recorded"))).isEqualTo("律师已登记。");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.open("/staff/lawyers");
            assertThat(browser.text(By.id("lawyers"))).contains("lawyer7", "陈静");
        });

        browser.open("/funds");
        browser.click(By.id("new-fund"));
        browser.type("name", "青岛市困难职工兜底救助金");
        browser.type("perWorkerCapFen", "3000");
        browser.submit();
        browser.click(By.id("contribute"));
        browser.type("contributor", "某平台公司");
        browser.type("amountFen", "50,000.00");
        browser.submit();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.driver.navigate().refresh();
            assertThat(browser.text(By.id("fund-available"))).isEqualTo("50,000.00");
        });

        long casesBefore = system.view("/api/cases?size=10").get("total").asLong();
        browser.open("/staff");
        browser.click(By.id("new-case"));
        browser.type("claimant.name", "刘洋");
        browser.type("claimant.idNumber", "110105194912310021"); // wrong check digit
        browser.type("claimant.phone", "13812345678");
        browser.choose("claimant.employmentForm", "PLATFORM_COOPERATION");
        browser.type("respondents[0].name", "青岛某某配送服务有限公司");
        browser.choose("category", "UNPAID_WAGES");
        browser.type("claimedFen", "12,500.00");
        browser.choose("channel", "WALK_IN");
        browser.type("district", "市南区");
        browser.type("facts", "2026年9月至11月工资未结");
        browser.submit();
        assertThat(browser.errorBeside("claimant.idNumber")).contains("check digit");
        assertThat(system.view("/api/cases?size=10").get("total").asLong()).as("a refused intake wrote nothing")
                .isEqualTo(casesBefore);
        assertThat(browser.waitFor(By.id(ConsoleBrowser.htmlId("claimedFen"))).getDomProperty("value"))
                .as("what was typed stays").isEqualTo("12,500.00");
        browser.screenshot("walk-intake-error-zh");
        browser.type("claimant.idNumber", "11010519491231002X");
        browser.submit();
        browser.waitFor(By.id("casefile"));
        String caseId = URI.create(browser.driver.getCurrentUrl()).getPath().substring("/cases/".length());
        assertThat(browser.text(By.id("stage"))).isEqualTo("已登记");
        assertThat(browser.text(By.id("casefile"))).contains("刘洋", "12,500.00", "110***********002X")
                .doesNotContain("11010519491231002X", "13812345678");

        browser.click(By.id("action-mediator"));
        assertThat(browser.text(By.id(ConsoleBrowser.htmlId("lawyerId")))).contains("陈静 (lawyer7)");
        browser.choose("lawyerId", "lawyer7");
        browser.submit();
        assertThat(browser.text(By.id("recorded"))).isEqualTo("已指派调解律师。");
        assertThat(browser.text(By.id("stage"))).isEqualTo("调解中");

        // the same worker against the same employer again: a warning, and nothing registered
        browser.open("/new/intake");
        browser.type("claimant.name", "刘洋");
        browser.type("claimant.idNumber", "11010519491231002X");
        browser.type("claimant.phone", "13812345678");
        browser.type("respondents[0].name", "青岛某某配送服务有限公司");
        browser.type("claimedFen", "800");
        browser.type("district", "市南区");
        browser.type("facts", "同一争议再次来访");
        browser.submit();
        assertThat(browser.text(By.id("duplicates"))).contains("该劳动者已有针对同一用人单位的未结案件", caseId.substring(0, 8), "lawyer7");
        browser.screenshot("walk-intake-duplicate-zh");
        assertThat(system.view("/api/cases?size=10").get("total").asLong()).as("a warning writes nothing")
                .isEqualTo(casesBefore + 1);

        // the lawyer: a session, an agreement in two instalments, the first payment
        browser.signIn("lawyer7");
        browser.waitFor(By.cssSelector("tr[data-case-id='" + caseId + "'] a")).click();
        browser.click(By.id("action-session"));
        browser.type("summary", "双方到场，用人单位同意分两期支付");
        browser.submit();
        assertThat(browser.text(By.id("recorded"))).isEqualTo("调解记录已保存。");

        browser.click(By.id("action-agreement"));
        browser.type("agreedFen", "10000");
        browser.date("instalments[0].dueOn", TODAY.plusDays(10).toString());
        browser.type("instalments[0].amountFen", "5000.00");
        browser.date("instalments[1].dueOn", TODAY.plusDays(40).toString());
        browser.type("instalments[1].amountFen", "5000.00");
        browser.submit();
        assertThat(browser.text(By.id("stage"))).isEqualTo("已达成协议");
        assertThat(browser.text(By.id("agreement"))).contains("10,000.00", "5,000.00");

        browser.click(By.id("action-payment"));
        browser.type("amountFen", "20.005");
        browser.choose("source", "INSTALMENT");
        browser.submit();
        assertThat(browser.errorBeside("amountFen")).isEqualTo("请填写以元为单位、最多两位小数的金额，例如 12500.00");
        browser.type("amountFen", "2000");
        browser.submit();
        assertThat(browser.text(By.id("recovered"))).isEqualTo("2,000.00");
        assertThat(browser.text(By.id("outstanding"))).isEqualTo("8,000.00");
        browser.screenshot("walk-lawyer-casefile-zh");
        browser.click(By.id("lang-en"));
        browser.waitForText(By.tagName("h1"), "Case file");
        assertThat(browser.text(By.id("stage"))).isEqualTo("Agreed");
        browser.screenshot("walk-lawyer-casefile-en");
        browser.click(By.id("lang-zh"));
        browser.waitForText(By.tagName("h1"), "案件档案");

        // the court liaison officer: the agreement confirmed, then enforcement ended without payment
        browser.signIn("court1");
        browser.waitFor(By.id("ruling-case")).sendKeys(caseId);
        browser.click(By.id("ruling-go"));
        assertThat(browser.waitFor(By.id(ConsoleBrowser.htmlId("court"))).getDomProperty("value")).isEqualTo("court1");
        browser.type("rulingNumber", "(2026)鲁0203民特12号");
        browser.submit();
        assertThat(browser.text(By.id("recorded"))).contains(caseId);

        browser.waitFor(By.id("ruling-case")).sendKeys(caseId);
        new org.openqa.selenium.support.ui.Select(browser.waitFor(By.id("ruling-kind"))).selectByValue("termination");
        browser.click(By.id("ruling-go"));
        browser.type("rulingNumber", "(2026)鲁0203执345号");
        browser.submit();
        assertThat(browser.text(By.id("recorded"))).contains(caseId);
        browser.screenshot("walk-court-zh");

        // the lawyer applies for relief; the fund pays at most its cap per worker
        browser.signIn("lawyer7");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.open("/cases/" + caseId); // the views take in the court's ruling a moment after it is stored
            assertThat(browser.text(By.id("stage"))).isEqualTo("终结执行");
        });
        browser.click(By.id("action-relief"));
        assertThat(browser.waitFor(By.id(ConsoleBrowser.htmlId("requestedFen"))).getDomProperty("value"))
                .as("the outstanding amount, offered").isEqualTo("8000.00");
        browser.type("hardship", "无其他收入来源，家庭困难");
        browser.submit();
        assertThat(browser.text(By.id("recorded"))).isEqualTo("救助申请已提交，等待救助金审核。");
        await().atMost(PATIENCE).untilAsserted(() -> {
            browser.open("/cases/" + caseId);
            assertThat(browser.waitFor(By.id("relief-status")).getDomAttribute("data-status")).isEqualTo("PAID");
        });
        assertThat(browser.text(By.id("relief-paid"))).isEqualTo("3,000.00");
        assertThat(browser.text(By.id("timeline"))).contains("发放兜底救助", "system:relief-saga");
        browser.screenshot("walk-relief-paid-zh");

        // the auditor: the case found, its history whole
        browser.signIn("auditor");
        browser.waitFor(By.cssSelector("tr[data-case-id='" + caseId + "'] a")).click();
        assertThat(URI.create(browser.driver.getCurrentUrl()).getPath()).isEqualTo("/audit/cases/" + caseId);
        org.openqa.selenium.WebElement badge = browser.waitFor(By.id("verification-badge"));
        int events = system.view("/api/audit/cases/" + caseId + "/history").get("events").size();
        assertThat(badge.getDomAttribute("data-intact")).isEqualTo("true");
        assertThat(badge.getDomAttribute("data-events")).isEqualTo(String.valueOf(events));
        assertThat(badge.getText()).contains("链条完整");
        assertThat(browser.text(By.id("audit-case"))).contains("发放兜底救助", "system:relief-saga", "lawyer7", "court1",
                "staff", "终结本次执行").doesNotContain("11010519491231002X", "13812345678");
        browser.screenshot("walk-auditor-history-zh");
    }

    @Test
    void aCourtRefersADispute_seeingTheRulesThatApplyAsTheDateIsTyped() throws Exception {
        browser.signIn("court1");
        browser.click(By.id("refer"));
        assertThat(browser.waitFor(By.id(ConsoleBrowser.htmlId("court"))).getDomProperty("value")).isEqualTo("court1");
        browser.date("referredOn", "2024-12-20");
        browser.choose("referralKind", "PRE_FILING_DELEGATED");
        assertThat(browser.text(By.id("regime-hint"))).startsWith("适用2016年特邀调解规定：诉前委派调解，调解期限 30 日");
        browser.choose("referralKind", "ENTRUSTED");
        assertThat(browser.text(By.id("regime-hint"))).startsWith("适用2016年特邀调解规定：立案后委托调解，调解期限 15 日");
        browser.date("referredOn", TODAY.toString());
        browser.choose("referralKind", "PRE_FILING_DELEGATED");
        assertThat(browser.text(By.id("regime-hint"))).startsWith("自2025年1月1日起不再有诉前委派调解");
        browser.choose("referralKind", "ENTRUSTED");
        browser.choose("procedure", "SIMPLE");
        assertThat(browser.text(By.id("regime-hint"))).startsWith("适用2025年立案与调解意见").contains("调解期限 7 日");

        browser.type("courtCaseNumber", "(2026)鲁0203民初77号");
        browser.waitFor(By.id(ConsoleBrowser.htmlId("partiesConsented"))).click();
        browser.type("claimant.name", "王芳");
        browser.type("claimant.idNumber", "11010519491231002X");
        browser.type("claimant.phone", "13912345678");
        browser.type("respondents[0].name", "某建筑工程有限公司");
        browser.choose("category", "OVERTIME_PAY");
        browser.type("claimedFen", "3800.5");
        browser.type("district", "李沧区");
        browser.type("facts", "加班费未付");
        browser.screenshot("court-referral-form-zh");
        // the views held back on purpose: the court's new case is "on its way", never "not one of court1's"
        try (ReadYourWritesTest.HeldIngestion held = ReadYourWritesTest.holdIngestion(system)) {
            browser.submit();
            browser.waitFor(By.id("catching-up"));
            assertThat(browser.text(By.tagName("main"))).contains("正在同步").doesNotContain("court1's", "不属于");
            browser.screenshot("court-referral-catching-up-zh");
        }
        // the page reloads itself until the views have the referral
        browser.waitFor(By.id("stage"));
        assertThat(browser.text(By.id("stage"))).isEqualTo("已登记");
        assertThat(browser.text(By.id("parties"))).contains("(2026)鲁0203民初77号", "委托调解", "简易程序", "court1");
        assertThat(browser.text(By.id("summary"))).contains("3,800.50");
    }
}
