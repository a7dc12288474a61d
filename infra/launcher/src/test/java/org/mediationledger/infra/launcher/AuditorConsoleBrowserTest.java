package org.mediationledger.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The auditor's pages of the web console in a real browser against the whole running system: a case
 * opened from the search shows its history with actors and the intact badge, and the case as it stood
 * at an instant between two events; a rebuild runs to COMPLETED with no differences; the report's
 * monthly chart carries the recovered wages and its CSV downloads with Chinese intact. Chromium, its
 * driver, the flags and the screenshot folder are ConsoleBrowserTest's; like it, this test fails, never
 * skips, without them. Screenshots: target/screenshots/auditor-*.png, to be looked at.
 */
class AuditorConsoleBrowserTest extends WholeSystemTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter DATETIME_LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** Tall enough for a whole page in one screenshot. */
    static final Dimension SCREENSHOT_WINDOW = new Dimension(1280, 1500);

    static ConsoleBrowser chrome;
    static WebDriver browser;
    static String console;
    static String caseId;
    static LocalDate today;
    /** A local date and time in Shanghai, to the second, after the case was registered and before its mediator was assigned. */
    static String betweenRegisteredAndAssigned;

    @BeforeAll
    static void browserAndCase() throws IOException {
        console = system.consoleUri();
        seedCase();
        chrome = new ConsoleBrowser(console);
        browser = chrome.driver;
        browser.manage().window().setSize(SCREENSHOT_WINDOW);
    }

    @AfterAll
    static void closeBrowser() {
        if (chrome != null) {
            chrome.close();
            chrome = null;
            browser = null;
        }
    }

    @BeforeEach
    void signedInAsAuditor_inChinese() {
        chrome.signIn("auditor"); // a fresh session and no language cookie: Chinese by default
        waitFor(By.id("home"));
    }

    /**
     * A walk-in case: registered, then — in a later second, so that an instant typed to the second falls
     * between them — a mediator assigned, a session held, an agreement in two instalments and a first
     * payment of 5,000.00 yuan, all today.
     */
    static void seedCase() {
        today = LocalDate.now(SHANGHAI);
        system.command("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer1\",\"name\":\"李娜\",\"maxActiveCases\":12}");
        caseId = UUID.randomUUID().toString();
        system.command("/api/cases", "staff", ConsoleBrowserTest.intake(caseId, "张伟", "UNPAID_WAGES", 1250000, "市北区", today));
        Instant registered = Instant.parse(system.view("/api/audit/cases/" + caseId + "/history")
                .get("events").get(0).get("occurredAt").asText());
        Instant nextWholeSecond = registered.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        betweenRegisteredAndAssigned = DATETIME_LOCAL.format(nextWholeSecond.atZone(SHANGHAI));
        // the form asks for the end of the second typed: the next event must come after it
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(nextWholeSecond.plusSeconds(1)));

        system.command("/api/cases/" + caseId + "/mediator", "staff",
                "{\"lawyerId\":\"lawyer1\",\"receivedOn\":\"" + today + "\"}");
        system.command("/api/cases/" + caseId + "/mediation-sessions", "lawyer1",
                "{\"sessionId\":\"s-1\",\"heldOn\":\"" + today + "\",\"summary\":\"双方到场，雇主承认欠薪\"}");
        system.command("/api/cases/" + caseId + "/agreement", "lawyer1", "{\"agreedFen\":1000000,\"effectiveOn\":\"" + today
                + "\",\"instalments\":[{\"dueOn\":\"" + today.plusDays(30) + "\",\"amountFen\":500000},{\"dueOn\":\""
                + today.plusDays(60) + "\",\"amountFen\":500000}]}");
        system.command("/api/cases/" + caseId + "/payments", "lawyer1", "{\"paymentId\":\"" + UUID.randomUUID()
                + "\",\"amountFen\":500000,\"paidOn\":\"" + today + "\",\"source\":\"INSTALMENT\"}");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(system.view("/api/cases/" + caseId).get("recoveredFen").asLong()).isEqualTo(500000));
    }

    @Test
    void theAuditorOpensACaseFromTheSearch_seesItsTimelineAndTheIntactBadge_andTheCaseAsOfAnEarlierInstant() throws IOException {
        browser.findElement(By.cssSelector("#search tr[data-case-id='" + caseId + "'] a")).click();
        waitFor(By.id("audit-case"));
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/audit/cases/" + caseId);
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");

        List<WebElement> events = browser.findElements(By.cssSelector("#history tr.event"));
        assertThat(events).extracting(e -> e.findElement(By.className("event-type")).getText())
                .containsExactly("登记纠纷", "指派调解律师", "举行调解会谈", "达成调解协议", "记录追回款项");
        assertThat(events).extracting(e -> e.findElement(By.className("actor")).getText())
                .containsExactly("staff", "staff", "lawyer1", "lawyer1", "lawyer1");
        assertThat(events).extracting(e -> e.findElement(By.className("actor-role")).getText())
                .containsExactly("工会工作人员", "工会工作人员", "律师", "律师", "律师");
        assertThat(events.get(0).findElement(By.className("occurred")).getText()).startsWith(today.toString());
        WebElement badge = browser.findElement(By.id("verification-badge"));
        assertThat(badge.getDomAttribute("class")).contains("intact");
        assertThat(badge.getText()).contains("链条完整", "已核验 5 个事件");
        // personal data only as the API gives it
        assertThat(browser.getPageSource()).doesNotContain("11010519491231002X", "13812345678");

        // the case as it stood between its registration and the mediator's assignment, typed in Shanghai time
        WebElement at = browser.findElement(By.id("at"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", at, betweenRegisteredAndAssigned);
        browser.findElement(By.id("as-of-submit")).click();
        new WebDriverWait(browser, ConsoleBrowser.PATIENCE)
                .until(ExpectedConditions.textToBe(By.id("as-of-stage"), "已登记"));
        assertThat(browser.findElement(By.id("as-of-claimed")).getText()).isEqualTo("12,500.00");
        assertThat(browser.findElement(By.id("as-of-agreed")).getText()).isEqualTo("—");
        assertThat(browser.findElement(By.id("as-of-lawyer")).getText()).isEqualTo("未分配");
        // the input keeps the instant; it writes a whole minute without its ":00" seconds
        assertThat(LocalDateTime.parse(browser.findElement(By.id("at")).getDomProperty("value")))
                .isEqualTo(LocalDateTime.parse(betweenRegisteredAndAssigned));

        // as of the agreement, from its row: agreed, nothing recovered yet
        browser.findElements(By.cssSelector("#history tr.event")).get(3).findElement(By.className("as-of-link")).click();
        new WebDriverWait(browser, ConsoleBrowser.PATIENCE)
                .until(ExpectedConditions.textToBe(By.id("as-of-stage"), "已达成协议"));
        assertThat(browser.findElement(By.id("as-of-agreed")).getText()).isEqualTo("10,000.00");
        assertThat(browser.findElement(By.id("as-of-recovered")).getText()).isEqualTo("0.00");
        assertThat(browser.findElement(By.id("as-of-lawyer")).getText()).isEqualTo("lawyer1");
        screenshot("auditor-case-zh");

        browser.findElement(By.id("lang-en")).click();
        new WebDriverWait(browser, ConsoleBrowser.PATIENCE)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("verification-badge"), "Chain intact"));
        assertThat(browser.findElement(By.id("as-of-stage")).getText()).as("the toggle keeps the page").isEqualTo("Agreed");
        assertThat(browser.findElement(By.cssSelector("#history thead")).getText()).contains("Occurred (Asia/Shanghai)");
        screenshot("auditor-case-en");

        browser.findElement(By.id("back-to-search")).click();
        waitFor(By.id("search"));
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/auditor");
    }

    @Test
    void aRebuildStartedFromTheConsole_completesWithNoDifferences_andCanBeSwitchedToAfterAConfirmation() throws IOException {
        browser.findElement(By.id("to-rebuilds")).click();
        waitFor(By.id("start-rebuild")).click();
        // the page reloads itself while the rebuild runs
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(ExpectedConditions.attributeToBe(
                By.id("rebuild-status"), "data-status", "COMPLETED"));
        assertThat(browser.findElement(By.id("rebuild-status")).getText()).isEqualTo("已完成");
        assertThat(browser.findElement(By.id("difference-count")).getText()).isEqualTo("0");
        assertThat(Long.parseLong(browser.findElement(By.id("events-replayed")).getText())).isGreaterThanOrEqualTo(5);
        assertThat(Long.parseLong(browser.findElement(By.id("rows-compared")).getText())).isPositive();
        assertThat(browser.findElement(By.id("no-differences")).getText()).contains("没有差异");
        assertThat(browser.findElements(By.cssSelector("meta[http-equiv='refresh']"))).as("no reload once done").isEmpty();
        screenshot("auditor-rebuild-zh");

        browser.findElement(By.id("switch")).click();
        waitFor(By.id("confirm-switch")).click();
        WebElement switched = waitFor(By.id("switched"));
        assertThat(switched.getText()).contains("已切换");
        assertThat(browser.findElement(By.id("rebuild-status")).getText()).isEqualTo("已切换");
    }

    @Test
    void theReportsMonthlyChart_carriesThisMonthsRecoveredWages_andItsCsvDownloadsWithChineseIntact() throws Exception {
        browser.get(console + "/auditor?groupBy=month");
        String month = YearMonth.now(SHANGHAI).toString();
        WebElement chart = waitFor(By.cssSelector("#monthly-chart svg"));
        assertThat(chart.getDomAttribute("role")).isEqualTo("img");
        assertThat(chart.getDomAttribute("aria-label")).contains(month);
        WebElement recovered = browser.findElement(By.cssSelector("rect.bar.recovered[data-month='" + month + "']"));
        assertThat(recovered.getDomAttribute("data-fen")).isEqualTo("500000");
        assertThat(Long.parseLong(recovered.getDomAttribute("height"))).isPositive();
        assertThat(browser.findElement(By.cssSelector("rect.bar.reliefPaid[data-month='" + month + "']")).getDomAttribute("data-fen"))
                .isEqualTo("0");
        assertThat(browser.findElement(By.cssSelector("#report-table tbody")).getText()).contains(month, "5,000.00");
        screenshot("auditor-report-zh");

        // the download, fetched as the browser would, with its session
        browser.get(console + "/auditor?groupBy=district");
        String link = waitFor(By.id("report-csv")).getDomProperty("href");
        assertThat(link).isEqualTo(console + "/auditor/report.csv?groupBy=district");
        Cookie session = browser.manage().getCookieNamed("ML_CONSOLE_SESSION");
        HttpResponse<byte[]> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                .header("Cookie", session.getName() + "=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv;charset=UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"recovered-wages-district.csv\"");
        byte[] body = csv.body();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("key,workersHelped,cases,claimedFen,agreedFen,recoveredFen,reliefPaidFen,outstandingFen\r\n")
                .contains("市北区,1,1,1250000,1000000,500000,0,");
        // the same bytes the query side gives for Accept: text/csv
        assertThat(text).isEqualTo(system.get("/api/reports/recovered-wages?groupBy=district", "auditor", "text/csv").body());
    }

    private static WebElement waitFor(By by) {
        return chrome.waitFor(by);
    }

    private static void screenshot(String name) throws IOException {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)"); // the window is tall enough for the page
        chrome.screenshot(name);
    }
}
