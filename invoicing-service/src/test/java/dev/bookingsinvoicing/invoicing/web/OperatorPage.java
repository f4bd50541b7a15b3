package dev.bookingsinvoicing.invoicing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests do on the operator page: sign in, read the list, wait for an action's result. */
final class OperatorPage {

    static final Duration RESULT_TIMEOUT = Duration.ofSeconds(60);

    private OperatorPage() {
    }

    /** A new browser, signed in through the login form the page sends it to. */
    static WebDriver signIn(String baseUrl, String user, String password) {
        WebDriver browser = Chromium.start();
        browser.get(baseUrl + "/bookings");
        // not signed in: the page sends the browser to the login form
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // the login page has a heading too: wait until the browser has left it
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().endsWith("/login"));
        assertThat(text(browser, "h1")).isEqualTo("Bookings not invoiced");
        return browser;
    }

    /** The booking ids of the rows on the list. */
    static List<String> rowIds(WebDriver browser) {
        return browser.findElements(By.cssSelector("#bookings tbody tr[data-booking-id]")).stream()
                .map(r -> r.getAttribute("data-booking-id")).toList();
    }

    /** The result page shows the result once every command has answered (its progress stream tells it when). */
    static WebElement awaitResult(WebDriver browser) {
        return new WebDriverWait(browser, RESULT_TIMEOUT).until(d -> {
            List<WebElement> done = d.findElements(By.id("result"));
            return done.isEmpty() ? null : done.get(0);
        });
    }

    /** An invoicing action shows its preview once every command has answered; nothing is invoiced yet. */
    static WebElement awaitPreview(WebDriver browser) {
        return new WebDriverWait(browser, RESULT_TIMEOUT).until(d -> {
            List<WebElement> preview = d.findElements(By.id("preview"));
            return preview.isEmpty() ? null : preview.get(0);
        });
    }

    /** Waits for an invoicing action's preview and confirms it; returns the preview's text. */
    static String confirmPreview(WebDriver browser) {
        String preview = awaitPreview(browser).getText();
        browser.findElement(By.id("confirm-invoices")).click();
        return preview;
    }

    /** The element's text once the page stops replacing it (the result page replaces its live part as it goes). */
    static String text(WebDriver browser, String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(css)).getText());
    }
}
