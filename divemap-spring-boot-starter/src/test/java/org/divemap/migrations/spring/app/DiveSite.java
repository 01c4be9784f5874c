package org.divemap.migrations.spring.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "dive_sites")
public class DiveSite {

    @Id
    private Long id;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "max_depth")
    private Integer maxDepth;

    protected DiveSite() {}

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Integer getMaxDepth() {
        return maxDepth;
    }
}
