package org.mediationledger.console;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Language (cookie, Chinese by default, {@code ?lang=en|zh}) and the sign-in requirement. */
@Configuration
public class WebConfig implements WebMvcConfigurer {

    public static final String LANG_COOKIE = "ml-lang";

    private final FormTokens formTokens;

    public WebConfig(FormTokens formTokens) {
        this.formTokens = formTokens;
    }

    @Bean
    public LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANG_COOKIE);
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                // only the two languages the console has; anything else leaves the language as it was
                return switch (value) {
                    case "zh", "zh-CN", "zh_CN" -> Locale.SIMPLIFIED_CHINESE;
                    case "en" -> Locale.ENGLISH;
                    default -> throw new IllegalArgumentException("no such language: " + value);
                };
            }
        };
        lang.setParamName("lang");
        lang.setIgnoreInvalidLocale(true);
        registry.addInterceptor(lang);
        registry.addInterceptor(new SignedInOnly())
                .excludePathPatterns("/signin", "/error", "/actuator/**", "/*.css", "/*.js", "/favicon.ico");
        // after the sign-in check: a form sent after the session expired leads to the sign-in page
        registry.addInterceptor(formTokens);
    }

    /** Every page but the sign-in page needs a signed-in user; others are sent to sign in. */
    static final class SignedInOnly implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws Exception {
            HttpSession session = request.getSession(false);
            if (session != null && session.getAttribute(SignedInUser.SESSION_KEY) instanceof SignedInUser) {
                return true;
            }
            response.sendRedirect(request.getContextPath() + "/signin");
            return false;
        }
    }
}
