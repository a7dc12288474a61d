package org.mediationledger.console;

/** The four roles of DOMAIN.md, each with the page it lands on after signing in. */
public enum Role {
    UNION_STAFF("/staff"),
    LAWYER("/lawyer"),
    COURT_LIAISON("/court"),
    AUDITOR("/auditor");

    private final String home;

    Role(String home) {
        this.home = home;
    }

    public String home() {
        return home;
    }
}
