package org.divemap.backend.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A dive site: {@code dive_sites} at head. */
@Entity
@Table(name = "dive_sites", indexes = @Index(name = "idx_dive_sites_rating", columnList = "rating"))
public class DiveSite {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(nullable = false)
    private String name;

    @Column(columnDefinition = "text")
    private String description;

    @Column(precision = 10, scale = 8)
    private BigDecimal latitude;

    @Column(precision = 11, scale = 8)
    private BigDecimal longitude;

    @Column(nullable = false, columnDefinition = "timestamp")
    private LocalDateTime createdAt;

    @Column(length = 100)
    private String country;

    @Column(length = 100)
    private String region;

    private int viewCount;

    @Column(precision = 5, scale = 2)
    private BigDecimal maxDepth;

    @Column(precision = 3, scale = 1)
    private BigDecimal rating;
}
