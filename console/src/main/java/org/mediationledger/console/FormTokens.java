package org.mediationledger.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.support.RequestDataValueProcessor;

/**
 * A token per session in every form the console renders, checked on every POST: a form sent from
 * anywhere but a console page of this session is refused (403, with a page saying why). The session cookie is also
 * {@code SameSite=Strict}; the token covers what that does not, such as a request from a sibling
 * subdomain of the same site. Thymeleaf adds the hidden field to every {@code th:action} form through
 * Spring's {@link RequestDataValueProcessor} (this bean's name), so no template can forget it.
 */
@Component("requestDataValueProcessor")
public class FormTokens implements RequestDataValueProcessor, HandlerInterceptor {

    public static final String PARAMETER = "_formToken";
    static final String SESSION_KEY = "ml.console.formToken";
    private static final String FORM_METHOD = FormTokens.class.getName() + ".formMethod";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The session's token, made when its first form is drawn; none without a session (the sign-in
     * page), and none in a GET form, which would put it in a URL.
     */
    @Override
    public Map<String, String> getExtraHiddenFields(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || "GET".equalsIgnoreCase((String) request.getAttribute(FORM_METHOD))) {
            return Map.of();
        }
        Object token = session.getAttribute(SESSION_KEY);
        if (token == null) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            token = HexFormat.of().formatHex(bytes);
            session.setAttribute(SESSION_KEY, token);
        }
        return Map.of(PARAMETER, (String) token);
    }

    /** A form refused: not drawn by this session (an old tab, an earlier sign-in), or sent from another site. */
    public static class Refused extends RuntimeException {
        public Refused(String why) {
            super(why);
        }
    }

    /**
     * Every POST but the sign-in itself carries the session's token. The sign-in has no session yet;
     * it is refused when the browser says it comes from another site (login CSRF: signing someone into
     * another's account, whose actions would then be recorded under the wrong name).
     */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"POST".equals(request.getMethod()) || request.getDispatcherType() == DispatcherType.ERROR) {
            return true;
        }
        if ((request.getContextPath() + "/signin").equals(request.getRequestURI())) {
            if ("cross-site".equals(request.getHeader("Sec-Fetch-Site")) || !sameOrigin(request)) {
                throw new Refused("a sign-in sent from another site");
            }
            return true;
        }
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(SESSION_KEY);
        String sent = request.getParameter(PARAMETER);
        if (expected instanceof String token && sent != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        throw new Refused("a form without this session's token");
    }

    /** No Origin header (older browsers, tools) passes; one naming another origin does not. */
    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank()) {
            return true;
        }
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80) || ("https".equals(request.getScheme()) && port == 443);
        String own = request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
        return own.equalsIgnoreCase(origin.strip());
    }

    /** Called for each form before its hidden fields: which method the form being drawn uses. */
    @Override
    public String processAction(HttpServletRequest request, String action, String httpMethod) {
        request.setAttribute(FORM_METHOD, httpMethod);
        return action;
    }

    @Override
    public String processFormFieldValue(HttpServletRequest request, String name, String value, String type) {
        return value;
    }

    @Override
    public String processUrl(HttpServletRequest request, String url) {
        return url;
    }
}
