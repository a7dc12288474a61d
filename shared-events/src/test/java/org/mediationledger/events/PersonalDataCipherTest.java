package org.mediationledger.events;

import org.junit.jupiter.api.Test;
import org.mediationledger.events.pii.EncryptedText;
import org.mediationledger.events.pii.Masking;
import org.mediationledger.events.pii.PersonalDataCipher;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataCipherTest {

    private static final String ID_NUMBER = "11010519491231002X";

    @Test
    void encryptedIdNumber_decryptsOnlyWithTheWorkersKey() {
        byte[] key = PersonalDataCipher.newWorkerKey();
        EncryptedText sealed = PersonalDataCipher.encrypt(key, "worker-1", ID_NUMBER);

        assertThat(PersonalDataCipher.decrypt(key, "worker-1", sealed)).isEqualTo(ID_NUMBER);
        assertThatThrownBy(() -> PersonalDataCipher.decrypt(PersonalDataCipher.newWorkerKey(), "worker-1", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ciphertextMovedToAnotherWorker_doesNotDecrypt() {
        byte[] key = PersonalDataCipher.newWorkerKey();
        EncryptedText sealed = PersonalDataCipher.encrypt(key, "worker-1", ID_NUMBER);

        assertThatThrownBy(() -> PersonalDataCipher.decrypt(key, "worker-2", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ciphertext_containsNoPlaintextAndDiffersEachTime() {
        byte[] key = PersonalDataCipher.newWorkerKey();
        EncryptedText first = PersonalDataCipher.encrypt(key, "worker-1", ID_NUMBER);
        EncryptedText second = PersonalDataCipher.encrypt(key, "worker-1", ID_NUMBER);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.base64()).doesNotContain("110105");
        assertThat(new String(Base64.getDecoder().decode(first.base64()), StandardCharsets.ISO_8859_1)).doesNotContain("110105");
        assertThat(first.toString()).doesNotContain(first.base64());
    }

    @Test
    void masking_keepsOnlyTheEnds() {
        assertThat(Masking.idNumber("110105194912310021")).isEqualTo("110***********0021");
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
    }
}
