package org.example.sites;

import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service: {@code GET /sites} lists the dive sites. The Divemap starter migrated the database
 * before JPA started, so the table is there.
 */
@SpringBootApplication
@RestController
public class SitesService {

    private final DiveSiteRepository sites;

    public SitesService(DiveSiteRepository sites) {
        this.sites = sites;
    }

    @GetMapping("/sites")
    public List<DiveSite> sites() {
        return sites.findAllByOrderByIdAsc();
    }

    public static void main(String[] args) {
        SpringApplication.run(SitesService.class, args);
    }
}
