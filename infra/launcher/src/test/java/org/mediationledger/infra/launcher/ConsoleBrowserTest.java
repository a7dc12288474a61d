package org.mediationledger.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser against the whole running system: each role signs in with its
 * demo account and lands on its home, in Chinese; the language toggle shows the same page in English;
 * a wrong password stays on the sign-in page with an error. Debian's chromium and chromium-driver are
 * used by path (nothing is downloaded); when they are missing the test fails, it never skips.
 * Screenshots of each home go to target/screenshots/: only a screenshot shows whether Chinese
 * renders (without a CJK font every text assertion passes and the page shows empty boxes).
 */
class ConsoleBrowserTest extends WholeSystemTest {

    static ConsoleBrowser chrome;
    static WebDriver browser;
    static String console;

    @BeforeAll
    static void browserAndCases() throws IOException {
        console = system.consoleUri();
        seedCases();
        chrome = new ConsoleBrowser(console);
        browser = chrome.driver;
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
    void freshBrowserState() {
        browser.get(console + "/signin");
        browser.manage().deleteAllCookies(); // no session, no language cookie: Chinese by default
    }

    /** A case waiting for a mediator, one in mediation with lawyer1, one referred by court1. */
    static void seedCases() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        system.command("/api/lawyers", "staff", "{\"lawyerId\":\"lawyer1\",\"name\":\"李娜\",\"maxActiveCases\":12}");
        String unassigned = UUID.randomUUID().toString();
        system.command("/api/cases", "staff", intake(unassigned, "赵敏", "UNPAID_WAGES", 880000, "市南区", today));
        String mediated = UUID.randomUUID().toString();
        system.command("/api/cases", "staff", intake(mediated, "张伟", "UNPAID_WAGES", 1250000, "市北区", today));
        system.command("/api/cases/" + mediated + "/mediator", "staff",
                "{\"lawyerId\":\"lawyer1\",\"receivedOn\":\"" + today + "\"}");
        system.command("/api/court-referrals", "court1", "{\"court\":\"court1\",\"courtCaseNumber\":\"(2026)鲁0203民初77号\","
                + "\"referralKind\":\"ENTRUSTED\",\"procedure\":\"SIMPLE\",\"referredOn\":\"" + today + "\","
                + "\"partiesConsented\":true,\"claimant\":{\"name\":\"王芳\",\"idNumber\":\"11010519491231002X\","
                + "\"phone\":\"13912345678\",\"employmentForm\":\"LABOR_CONTRACT\"},"
                + "\"respondents\":[{\"name\":\"某建筑工程有限公司\"}],\"category\":\"OVERTIME_PAY\",\"claimedFen\":380050,"
                + "\"district\":\"李沧区\",\"facts\":\"加班费未付\"}");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(system.view("/api/cases?size=10").get("total").asLong()).isEqualTo(3);
            assertThat(system.view("/api/cases/" + mediated).get("mediatorId").asText()).isEqualTo("lawyer1");
        });
    }

    static String intake(String caseId, String name, String category, long claimedFen, String district, LocalDate on) {
        return "{\"caseId\":\"" + caseId + "\",\"claimant\":{\"name\":\"" + name + "\",\"idNumber\":\"11010519491231002X\","
                + "\"phone\":\"13812345678\",\"employmentForm\":\"PLATFORM_COOPERATION\"},"
                + "\"respondents\":[{\"name\":\"青岛某某配送服务有限公司\"}],\"category\":\"" + category + "\","
                + "\"claimedFen\":" + claimedFen + ",\"channel\":\"WALK_IN\",\"district\":\"" + district + "\","
                + "\"facts\":\"工资未结\",\"appliedOn\":\"" + on + "\"}";
    }

    @ParameterizedTest(name = "{0} lands on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            staff   | /staff   | UNION_STAFF   | 案件登记与分配 | Intake and assignment | 赵敏     | 8,800.00
            lawyer1 | /lawyer  | LAWYER        | 我的案件       | My cases              | 张伟     | 12,500.00
            court1  | /court   | COURT_LIAISON | 本院委派案件   | My court's referrals  | 王芳     | 3,800.50
            auditor | /auditor | AUDITOR       | 查询与报表     | Search and reports    | 市北区   | 25,100.50
            """)
    void eachRoleSignsInAndSeesItsHome_inChinese_thenInEnglish(String user, String home, String role, String titleZh,
                                                               String titleEn, String shown, String amount) throws IOException {
        signIn(user, "demo");
        WebElement main = waitFor(By.id("home"));

        assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo(home);
        assertThat(main.getDomAttribute("data-role")).isEqualTo(role);
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(titleZh);
        assertThat(main.getText()).contains(shown, amount);
        assertThat(browser.findElement(By.id("who")).getText()).contains(user);
        // personal data only as the API gives it: masked, and here not shown at all
        assertThat(browser.getPageSource()).doesNotContain("11010519491231002X", "13812345678");
        screenshot(user + "-zh");

        browser.findElement(By.id("lang-en")).click();
        new WebDriverWait(browser, ConsoleBrowser.PATIENCE)
                .until(ExpectedConditions.textToBe(By.tagName("h1"), titleEn));
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).as("the toggle keeps the page").isEqualTo(home);
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("home")).getText()).contains(shown, amount);
        screenshot(user + "-en");

        browser.findElement(By.id("lang-zh")).click();
        new WebDriverWait(browser, ConsoleBrowser.PATIENCE)
                .until(ExpectedConditions.textToBe(By.tagName("h1"), titleZh));

        browser.findElement(By.cssSelector("header form button")).click();
        waitFor(By.id("username"));
        browser.get(console + home);
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).as("signed out").isEqualTo("/signin");
    }

    @Test
    void aWrongPasswordShowsAnErrorOnTheSignInPage() throws IOException {
        signIn("staff", "wrong-password");
        WebElement error = waitFor(By.id("signin-error"));
        assertThat(error.getText()).isEqualTo("用户名或密码错误。");
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/signin");
        assertThat(browser.findElement(By.id("username")).getDomProperty("value")).isEqualTo("staff");
        assertThat(browser.findElement(By.id("password")).getDomProperty("value")).isEmpty();
        screenshot("signin-error-zh");

        browser.findElement(By.id("lang-en")).click();
        new WebDriverWait(browser, ConsoleBrowser.PATIENCE)
                .until(ExpectedConditions.textToBe(By.tagName("h1"), "Sign in to Mediation Ledger"));
    }

    @Test
    void theConsoleLogsNoCredentials() throws IOException {
        signIn("auditor", "demo");
        waitFor(By.id("home"));
        String log = system.logsOf("console");
        assertThat(log).contains("auditor signed in as AUDITOR");
        for (String user : List.of("staff", "lawyer1", "court1", "auditor")) {
            assertThat(log).doesNotContain(Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(log).doesNotContain("wrong-password", "password=", ":demo");
    }

    private static void signIn(String user, String password) {
        browser.get(console + "/signin");
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("signin")).click();
    }

    private static WebElement waitFor(By by) {
        return chrome.waitFor(by);
    }

    private static void screenshot(String name) throws IOException {
        chrome.screenshot(name);
    }
}
