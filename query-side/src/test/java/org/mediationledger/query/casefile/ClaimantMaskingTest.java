package org.mediationledger.query.casefile;

import org.junit.jupiter.api.Test;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.pii.Masking;
import org.mediationledger.events.pii.PersonalDataCipher;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimantMaskingTest {

    private static final String CLAIMANT_KEY = "c2a1d7a4-1b3e-4c55-9a7e-5d1c00000001";
    private static final String ID_NUMBER = "110105199001011234";
    private static final String PHONE = "13812345678";

    private final byte[] key = PersonalDataCipher.newWorkerKey();
    private final Map<String, byte[]> keys = new HashMap<>(Map.of(CLAIMANT_KEY, key));
    private final ClaimantMasking masking = new ClaimantMasking(claimantKey -> Optional.ofNullable(keys.get(claimantKey)));

    @Test
    void withTheWorkersKey_personalDataIsShownMasked() {
        CaseFile.Claimant claimant = claimant();

        assertThat(claimant.idNumber()).isEqualTo("110***********1234");
        assertThat(claimant.phone()).isEqualTo("138****5678");
        assertThat(claimant.name()).isEqualTo("张伟");
    }

    @Test
    void erasedKey_showsErased_neverThePlaintext() {
        String idCipher = PersonalDataCipher.encrypt(key, CLAIMANT_KEY, ID_NUMBER).base64();
        String phoneCipher = PersonalDataCipher.encrypt(key, CLAIMANT_KEY, PHONE).base64();
        keys.remove(CLAIMANT_KEY);

        CaseFile.Claimant claimant = masking.claimant(CLAIMANT_KEY, "张伟", false, idCipher, phoneCipher, EmploymentForm.LABOR_CONTRACT);

        assertThat(claimant.idNumber()).isEqualTo(Masking.ERASED);
        assertThat(claimant.phone()).isEqualTo(Masking.ERASED);
    }

    @Test
    void aKeyThatDoesNotOpenTheText_showsErased() {
        String idCipher = PersonalDataCipher.encrypt(PersonalDataCipher.newWorkerKey(), CLAIMANT_KEY, ID_NUMBER).base64();

        CaseFile.Claimant claimant = masking.claimant(CLAIMANT_KEY, "张伟", false, idCipher, null, EmploymentForm.LABOR_CONTRACT);

        assertThat(claimant.idNumber()).isEqualTo(Masking.ERASED);
        assertThat(claimant.phone()).as("nothing recorded, nothing shown").isNull();
    }

    @Test
    void anErasedWorker_showsErased_evenWithNothingStoredAnyMore() {
        CaseFile.Claimant claimant = masking.claimant(CLAIMANT_KEY, "张伟", true, null, null, EmploymentForm.LABOR_CONTRACT);

        assertThat(claimant.idNumber()).isEqualTo(Masking.ERASED);
        assertThat(claimant.phone()).isEqualTo(Masking.ERASED);
        assertThat(claimant.name()).as("the name is not the personal data DOMAIN.md protects").isEqualTo("张伟");
    }

    private CaseFile.Claimant claimant() {
        return masking.claimant(CLAIMANT_KEY, "张伟", false,
                PersonalDataCipher.encrypt(key, CLAIMANT_KEY, ID_NUMBER).base64(),
                PersonalDataCipher.encrypt(key, CLAIMANT_KEY, PHONE).base64(),
                EmploymentForm.PLATFORM_COOPERATION);
    }
}
