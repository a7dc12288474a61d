package org.mediationledger.console.forms;

import java.util.List;

/**
 * One input of a command form. Its {@link #name} is the API's field path ({@code claimant.idNumber},
 * {@code instalments[0].amountFen}), so an error the API names lands beside the input it concerns.
 *
 * @param options the values of a {@link Kind#SELECT} (an API enumeration), labelled by messages
 *                {@code enum.<name's last part>.<value>}
 * @param columns the inputs of each row of a {@link Kind#ROWS} field
 * @param rows    how many rows a {@link Kind#ROWS} field shows at first; blank rows are left out
 */
public record FormField(String name, Kind kind, boolean required, List<String> options, List<FormField> columns,
                        int rows) {

    public enum Kind {
        TEXT,
        TEXTAREA,
        /** a business date, {@code YYYY-MM-DD} in the local calendar; today by default */
        DATE,
        /** typed in yuan with at most two decimals, sent as fen in a field whose name ends in {@code Fen} */
        YUAN,
        SELECT,
        CHECKBOX,
        WHOLE_NUMBER,
        /** an identifier made when the form is shown, so a form sent twice is one command */
        GENERATED_ID,
        /** repeated rows (respondents, instalments) */
        ROWS
    }

    static FormField text(String name, boolean required) {
        return new FormField(name, Kind.TEXT, required, List.of(), List.of(), 0);
    }

    static FormField textarea(String name) {
        return new FormField(name, Kind.TEXTAREA, true, List.of(), List.of(), 0);
    }

    static FormField date(String name, boolean required) {
        return new FormField(name, Kind.DATE, required, List.of(), List.of(), 0);
    }

    static FormField yuan(String name) {
        return new FormField(name, Kind.YUAN, true, List.of(), List.of(), 0);
    }

    static FormField select(String name, boolean required, String... options) {
        return new FormField(name, Kind.SELECT, required, List.of(options), List.of(), 0);
    }

    static FormField checkbox(String name) {
        return new FormField(name, Kind.CHECKBOX, false, List.of(), List.of(), 0);
    }

    static FormField wholeNumber(String name) {
        return new FormField(name, Kind.WHOLE_NUMBER, true, List.of(), List.of(), 0);
    }

    static FormField generatedId(String name) {
        return new FormField(name, Kind.GENERATED_ID, true, List.of(), List.of(), 0);
    }

    static FormField rows(String name, int rows, FormField... columns) {
        return new FormField(name, Kind.ROWS, true, List.of(), List.of(columns), rows);
    }

    /** The last part of the name ({@code employmentForm} of {@code claimant.employmentForm}): labels and enums. */
    public String shortName() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /** The input's name in row {@code row} of the ROWS field {@code parent}: {@code instalments[2].dueOn}. */
    public String inRow(FormField parent, int row) {
        return parent.name() + "[" + row + "]." + name;
    }

    /** An HTML id for the input (no dots or brackets, which CSS selectors would need to escape). */
    public static String htmlId(String inputName) {
        return "f-" + inputName.replaceAll("[^A-Za-z0-9]+", "-");
    }
}
