package org.example.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the service on a private in-memory database and asks it over HTTP. */
class SitesServiceTest {

    @Test
    void servesTheSitesTheMigrationsCreated() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SitesService.class)
                .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:sites_test;DB_CLOSE_DELAY=-1")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String sites = get(port, "/sites");
            assertTrue(sites.contains("\"name\":\"Blue Hole\"") && sites.contains("\"country\":\"Egypt\""), sites);
            String divemap = get(port, "/actuator/divemap");
            assertTrue(divemap.contains("\"current\":[\"0002_add_country\"]"), divemap);
            assertTrue(divemap.contains("\"atHead\":true"), divemap);
            assertEquals(true, get(port, "/actuator/health/divemap").contains("\"status\":\"UP\""));
        }
    }

    @Test
    void inProductionTheServiceOnlyChecksAndRefusesADatabaseBehindHead() {
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> new SpringApplicationBuilder(SitesService.class).run("--server.port=0",
                        "--spring.profiles.active=production",
                        "--spring.datasource.url=jdbc:h2:mem:sites_production;DB_CLOSE_DELAY=-1").close());
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
            cause = cause.getCause();
        }
        assertTrue(String.valueOf(cause.getMessage()).contains("The database is not at head (pending: [0001_create_dive_sites,"
                + " 0002_add_country]"), String.valueOf(cause));
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }
}
