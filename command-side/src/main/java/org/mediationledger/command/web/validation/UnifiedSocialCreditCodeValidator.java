package org.mediationledger.command.web.validation;

/**
 * GB 32100-2015: 18 characters from a 31-character alphabet (no I, O, S, V, Z); the last is the check:
 * 31 minus (the weighted sum of the first 17, mod 31), where 31 becomes 0.
 */
public class UnifiedSocialCreditCodeValidator extends ProblemReportingValidator<UnifiedSocialCreditCode> {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public UnifiedSocialCreditCodeValidator() {
        super(UnifiedSocialCreditCodeValidator::problemWith);
    }

    /** Why the value breaks the standard, or null when it does not. */
    public static String problemWith(String value) {
        String code = value.toUpperCase();
        if (code.length() != 18) {
            return "must be 18 characters";
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return "character " + (i + 1) + " is not allowed (digits and capital letters except I, O, S, V, Z)";
            }
        }
        return code.charAt(17) == checkCharacter(code) ? null : "check character does not match";
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
