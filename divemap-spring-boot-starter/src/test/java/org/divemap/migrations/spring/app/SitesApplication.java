package org.divemap.migrations.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small Spring Boot service: JPA over the table its migrations create. */
@SpringBootApplication
public class SitesApplication {}
