package org.mediationledger.command.web;

/** A request header is malformed (400, naming the header). */
public class RequestHeaderProblem extends RuntimeException {

    private final String header;

    public RequestHeaderProblem(String header, String message) {
        super(message);
        this.header = header;
    }

    public String header() {
        return header;
    }
}
