package org.mediationledger.command.web.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** GB 11643 resident ID numbers and GB 32100 unified social credit codes. */
class IdentifierChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "11010519491231002x", "370202198506154423", "421303199201015563"})
    void residentIdNumber_withMatchingCheckDigit_isValid(String id) {
        assertThat(ResidentIdNumberValidator.problemWith(id)).isNull();
    }

    @Test
    void residentIdNumber_withWrongCheckDigit_isRejected() {
        assertThat(ResidentIdNumberValidator.problemWith("110105194912310021")).isEqualTo("check digit does not match");
    }

    @Test
    void residentIdNumber_withImpossibleBirthDate_isRejected() {
        assertThat(ResidentIdNumberValidator.problemWith("110105194913310021")).contains("date of birth");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1101051949123100", "11010519491231002Y", "A1010519491231002X"})
    void residentIdNumber_ofWrongShape_isRejected(String id) {
        assertThat(ResidentIdNumberValidator.problemWith(id)).contains("18 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91370203MA3C0X0X0E", "91110000802100433B"})
    void creditCode_withMatchingCheckCharacter_isValid(String code) {
        assertThat(UnifiedSocialCreditCodeValidator.problemWith(code)).isNull();
    }

    @Test
    void creditCode_withWrongCheckCharacter_isRejected() {
        assertThat(UnifiedSocialCreditCodeValidator.problemWith("91350100M000100Y44")).isEqualTo("check character does not match");
    }

    @Test
    void creditCode_withLetterOutsideTheAlphabet_isRejected() {
        assertThat(UnifiedSocialCreditCodeValidator.problemWith("91350100M000100I43")).contains("not allowed");
    }
}
