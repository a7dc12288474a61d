package org.mediationledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both languages have the same keys in every bundle; the default files are Chinese, read as UTF-8. */
class MessagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"messages", "audit-messages"})
    void eachBundleHasTheSameKeysInBothLanguages(String bundle) throws IOException {
        Properties zh = load("/" + bundle + ".properties");
        Properties en = load("/" + bundle + "_en.properties");
        assertThat(zh.stringPropertyNames()).isNotEmpty().isEqualTo(en.stringPropertyNames());
    }

    @Test
    void theDefaultFileIsChinese() throws IOException {
        Properties zh = load("/messages.properties");
        Properties en = load("/messages_en.properties");
        assertThat(zh.getProperty("signin.error.credentials")).isEqualTo("用户名或密码错误。");
        assertThat(en.getProperty("signin.error.credentials")).isEqualTo("Wrong user name or password.");
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
