package org.example.sites;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "dive_sites")
public class DiveSite {

    @Id
    private Long id;
    private String name;
    private String country;

    protected DiveSite() {}

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getCountry() {
        return country;
    }
}
