package org.mediationledger.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every page shows around its content: who is signed in, and the language toggle. */
@ControllerAdvice
public class PageModel {

    private static final Logger log = LoggerFactory.getLogger(PageModel.class);

    /** A service that does not answer: a page saying so, in the user's language. */
    @ExceptionHandler(ApiClient.Unreachable.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    public String unreachable(ApiClient.Unreachable e) {
        log.warn("{}", e.getMessage());
        return "unavailable";
    }

    /** A form not drawn by this session (FormTokens): nothing was sent; say so and offer the way back. */
    @ExceptionHandler(FormTokens.Refused.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    public String formRefused(FormTokens.Refused e) {
        log.info("refused: {}", e.getMessage());
        return "form-refused";
    }

    @ModelAttribute("user")
    public SignedInUser user(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (SignedInUser) session.getAttribute(SignedInUser.SESSION_KEY);
    }

    /** This page's path and query, as the pagers' links start from. */
    @ModelAttribute("here")
    public String here(HttpServletRequest request) {
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString()).build().toUriString();
    }

    /** This very page (path and query) in Chinese: the toggle keeps the page. */
    @ModelAttribute("langZh")
    public String langZh(HttpServletRequest request) {
        return samePage(request, "zh");
    }

    @ModelAttribute("langEn")
    public String langEn(HttpServletRequest request) {
        return samePage(request, "en");
    }

    static String samePage(HttpServletRequest request, String lang) {
        String path = request.getRequestURI();
        if ("POST".equals(request.getMethod())) {
            // a page answered to a form (the sign-in error): its GET is the same page
            return UriComponentsBuilder.fromPath(path).queryParam("lang", lang).build().toUriString();
        }
        return UriComponentsBuilder.fromPath(path).query(request.getQueryString())
                .replaceQueryParam("lang", lang).build().toUriString();
    }
}
