package org.mediationledger.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form, signing in and out. Passwords are never logged nor put in a model. */
@Controller
public class SignInController {

    private static final Logger log = LoggerFactory.getLogger(SignInController.class);

    private final SignIn signIn;

    public SignInController(SignIn signIn) {
        this.signIn = signIn;
    }

    @GetMapping("/signin")
    public String form(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SignedInUser.SESSION_KEY) instanceof SignedInUser user) {
            return "redirect:" + user.role().home();
        }
        return "signin";
    }

    @PostMapping("/signin")
    public String signIn(@RequestParam(defaultValue = "") String username,
                         @RequestParam(defaultValue = "") String password,
                         HttpServletRequest request, Model model) {
        SignIn.Outcome outcome;
        try {
            outcome = signIn.attempt(username, password);
        } catch (ApiClient.Unreachable e) {
            log.warn("sign-in impossible: {}", e.getMessage());
            return failed(model, username, "signin.error.unreachable");
        }
        if (outcome.user().isEmpty()) {
            return failed(model, username, outcome.refusal() == SignIn.Refusal.WRONG_CREDENTIALS
                    ? "signin.error.credentials" : "signin.error.role");
        }
        SignedInUser user = outcome.user().get();
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate(); // a new session id after signing in: no fixation
        }
        request.getSession(true).setAttribute(SignedInUser.SESSION_KEY, user);
        log.info("{} signed in as {}", user.username(), user.role());
        return "redirect:" + user.role().home();
    }

    @PostMapping("/signout")
    public String signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/signin";
    }

    @GetMapping("/")
    public String home(HttpServletRequest request) {
        SignedInUser user = (SignedInUser) request.getSession().getAttribute(SignedInUser.SESSION_KEY);
        return "redirect:" + user.role().home();
    }

    private static String failed(Model model, String username, String error) {
        model.addAttribute("username", username);
        model.addAttribute("error", error);
        return "signin";
    }
}
