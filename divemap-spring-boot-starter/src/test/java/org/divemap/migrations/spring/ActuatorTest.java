package org.divemap.migrations.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.Divemap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /actuator/divemap} and {@code /actuator/health/divemap} of a running web service, over HTTP,
 * on MariaDB, PostgreSQL and H2: at head, behind head, and drifted.
 */
class ActuatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void endpointAndHealthSayWhereTheDatabaseStands(Database kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, "actuator");
                ConfigurableApplicationContext app = Apps.on(db).web()
                        .with("management.endpoints.web.exposure.include", "health,divemap")
                        .with("management.endpoint.health.show-details", "always").run()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();

            JsonNode divemap = get(port, "/actuator/divemap", 200);
            assertEquals(List.of("0002_add_max_depth"), strings(divemap.get("current")));
            assertEquals(List.of("0002_add_max_depth"), strings(divemap.get("heads")));
            assertEquals(List.of(), strings(divemap.get("pending")));
            assertTrue(divemap.get("atHead").asBoolean());
            assertEquals(List.of(), strings(divemap.get("changed")));
            JsonNode history = divemap.get("history");
            assertEquals(2, history.size(), history::toString);
            assertEquals("0001_create_dive_sites", history.get(0).get("revision").asString());
            assertEquals("up", history.get(0).get("direction").asString());
            assertTrue(history.get(0).get("success").asBoolean());
            assertEquals("0002_add_max_depth", history.get(1).get("revision").asString());
            assertTrue(history.get(1).get("startedAt").asString().endsWith("Z"), history::toString);
            assertEquals(64, history.get(1).get("checksum").asString().length(), history::toString);
            assertTrue(history.get(1).get("error").isNull());

            JsonNode health = get(port, "/actuator/health/divemap", 200);
            assertEquals("UP", health.get("status").asString());

            // behind head
            app.getBean(Divemap.class).downgrade("-1");
            divemap = get(port, "/actuator/divemap", 200);
            assertEquals(List.of("0001_create_dive_sites"), strings(divemap.get("current")));
            assertEquals(List.of("0002_add_max_depth"), strings(divemap.get("pending")));
            assertTrue(!divemap.get("atHead").asBoolean());
            assertEquals("down", divemap.get("history").get(2).get("direction").asString());
            health = get(port, "/actuator/health/divemap", 503);
            assertEquals("DOWN", health.get("status").asString());
            assertEquals(List.of("0002_add_max_depth"), strings(health.get("details").get("pending")));

            // at head again, then drifted: a migration edited after it ran
            app.getBean(Divemap.class).upgrade("heads");
            assertEquals("UP", get(port, "/actuator/health/divemap", 200).get("status").asString());
            db.execute("UPDATE divemap_history SET source_checksum = '" + "0".repeat(64)
                    + "' WHERE revision = '0001_create_dive_sites'");
            health = get(port, "/actuator/health/divemap", 503);
            assertEquals("DOWN", health.get("status").asString());
            assertEquals(List.of("0001_create_dive_sites"), strings(health.get("details").get("changed")));
            assertEquals(List.of("0001_create_dive_sites"), strings(get(port, "/actuator/divemap", 200).get("changed")));
        }
    }

    private static JsonNode get(int port, String path, int status) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }
}
