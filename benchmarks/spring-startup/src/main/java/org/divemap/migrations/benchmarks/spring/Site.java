package org.divemap.migrations.benchmarks.spring;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "sites")
public class Site {
    @Id
    private Long id;
    private String name;
    private String country;
    private Integer depth;

    protected Site() {}
}
