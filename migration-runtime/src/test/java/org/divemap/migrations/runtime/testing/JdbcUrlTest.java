package org.divemap.migrations.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcUrlTest {

    @Test
    void takesUserAndEmptyPasswordOutOfTheQuery() {
        JdbcUrl url = JdbcUrl.parse("jdbc:mysql://127.0.0.1:3306/?user=root&password=");
        assertEquals("root", url.user());
        assertEquals("", url.password());
        assertEquals("jdbc:mysql://127.0.0.1:3306/", url.url());
        assertEquals("jdbc:mysql://127.0.0.1:3306/divemap_t_x", url.withDatabase("divemap_t_x").url());
    }

    @Test
    void keepsOtherParametersAndDecodesCredentials() {
        JdbcUrl url = JdbcUrl.parse("jdbc:mysql://db.example:3307/shop?useSSL=false&user=app%40x"
                + "&password=p%26ss%3Dw&allowPublicKeyRetrieval=true");
        assertEquals("app@x", url.user());
        assertEquals("p&ss=w", url.password());
        assertEquals(List.of("useSSL=false", "allowPublicKeyRetrieval=true"), url.parameters());
        assertEquals("jdbc:mysql://db.example:3307/other?useSSL=false&allowPublicKeyRetrieval=true",
                url.withDatabase("other").url());
        assertFalse(url.display().contains("p&ss"), url.display());
        assertFalse(url.toString().contains("p&ss"), url.toString());
    }

    @Test
    void takesMySqlUserInfoOutOfTheAuthority() {
        JdbcUrl url = JdbcUrl.parse("jdbc:mysql://root:secret@127.0.0.1:3306");
        assertEquals("root", url.user());
        assertEquals("secret", url.password());
        assertEquals("jdbc:mysql://127.0.0.1:3306/x", url.withDatabase("x").url());
    }

    @Test
    void setsPostgresCurrentSchemaReplacingAnExistingOne() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=public&user=postgres");
        assertEquals("postgres", url.user());
        assertNull(url.password());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=divemap_t_x",
                url.withParameter("currentSchema", "divemap_t_x").url());
    }

    @Test
    void readsThePostgresShortForm() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql:postgres?user=me");
        assertEquals("jdbc:postgresql:postgres", url.url());
        assertEquals("me", url.user());
    }

    @Test
    void redactsPasswordsInUrlsThatDidNotParse() {
        assertEquals("jdbc:mysql://u:****@h/?password=****", JdbcUrl.redact("jdbc:mysql://u:pw@h/?password=pw"));
    }
}
