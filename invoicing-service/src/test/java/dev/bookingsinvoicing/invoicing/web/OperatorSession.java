package dev.bookingsinvoicing.invoicing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The operator page driven over plain HTTP, as a browser's form posts would: signed in through the login form, with
 * the session cookie and the CSRF token of each page. For tests that need what the page shows and what its forms
 * send, not how it looks (the browser tests cover that where Chromium is installed).
 */
public final class OperatorSession {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;

    private OperatorSession(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Signs in through the login form; the session is then the user's. */
    public static OperatorSession signIn(String baseUrl, String user, String password) throws Exception {
        OperatorSession session = new OperatorSession(baseUrl);
        String login = session.get("/login");
        String next = session.post("/login", Map.of("username", user, "password", password, "_csrf",
                first(login, "name=\"_csrf\" value=\"([^\"]+)\"")));
        assertThat(next).as("where the login form leads").doesNotContain("error");
        return session;
    }

    /** The page's HTML (200 expected). */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    /** The status a GET of the page answers (for pages that refuse). */
    public int status(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Posts a form as the page's forms do; answers where the redirect leads (every form of the page redirects). */
    public String post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s", path).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The first group of the pattern's first match in the HTML. */
    public static String first(String html, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(html);
        assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
        return matcher.group(1);
    }

    /** The first group of every match, in page order. */
    public static List<String> all(String html, String pattern) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(pattern).matcher(html);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
