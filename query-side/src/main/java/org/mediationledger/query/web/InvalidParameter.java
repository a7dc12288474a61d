package org.mediationledger.query.web;

/** A request parameter breaks a rule; answered 400 naming the parameter and the rule. */
public class InvalidParameter extends RuntimeException {

    private final String parameter;
    private final String rule;

    public InvalidParameter(String parameter, String rule) {
        super("parameter '" + parameter + "' " + rule);
        this.parameter = parameter;
        this.rule = rule;
    }

    public String parameter() {
        return parameter;
    }

    public String rule() {
        return rule;
    }
}
