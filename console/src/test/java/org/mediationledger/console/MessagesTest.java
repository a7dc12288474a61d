package org.mediationledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Both languages have the same keys; the default file is Chinese, read as UTF-8. */
class MessagesTest {

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Properties zh = load("/messages.properties");
        Properties en = load("/messages_en.properties");
        assertThat(zh.stringPropertyNames()).isNotEmpty().isEqualTo(en.stringPropertyNames());
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
