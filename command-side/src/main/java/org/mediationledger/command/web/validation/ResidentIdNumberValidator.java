package org.mediationledger.command.web.validation;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * GB 11643-1999: digits 7-14 are the date of birth; the 18th character is the check: the sum of the first
 * 17 digits times their weights, mod 11, indexes into "10X98765432". Messages never echo the number.
 */
public class ResidentIdNumberValidator extends ProblemReportingValidator<ResidentIdNumber> {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    public ResidentIdNumberValidator() {
        super(ResidentIdNumberValidator::problemWith);
    }

    /** Why the value breaks the standard, or null when it does not. */
    public static String problemWith(String value) {
        String id = value.toUpperCase();
        if (!id.matches("\\d{17}[\\dX]")) {
            return "must be 18 characters: 17 digits, then a digit or X";
        }
        try {
            LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            return "characters 7-14 must be a date of birth (YYYYMMDD)";
        }
        return id.charAt(17) == checkCharacter(id) ? null : "check digit does not match";
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }
}
