package com.example.dive;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

@Entity
@Table(name = "dive_sites",
        indexes = @Index(name = "ix_dive_sites_country", columnList = "country"),
        uniqueConstraints = @UniqueConstraint(name = "uq_dive_sites_name_country", columnNames = {"name", "country"}))
public class DiveSite {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(length = 120, nullable = false)
    private String name;

    @Column(length = 2)
    private String country;

    @Column(precision = 5, scale = 1)
    private BigDecimal maxDepth;

    @Enumerated(EnumType.STRING)
    @Column(length = 10)
    private Difficulty difficulty;

    @Enumerated(EnumType.ORDINAL)
    private WaterType waterType;

    @Lob
    private String description;

    @Embedded
    private GeoPoint location;

    @Version
    private int version;

    @OneToMany(mappedBy = "site")
    private List<Dive> dives;

    @ElementCollection
    @CollectionTable(name = "dive_site_aliases", joinColumns = @JoinColumn(name = "dive_site_id"))
    @Column(name = "alias", length = 80)
    private Set<String> aliases;
}
