package org.divemap.backend.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDateTime;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** Another name of a dive site: {@code dive_site_aliases}. */
@Entity
@Table(name = "dive_site_aliases",
        uniqueConstraints = @UniqueConstraint(columnNames = {"dive_site_id", "alias"}),
        indexes = @Index(columnList = "alias"))
public class DiveSiteAlias {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "dive_site_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private DiveSite diveSite;

    @Column(nullable = false)
    private String alias;

    @Column(length = 10)
    private String language;

    @Column(nullable = false, columnDefinition = "timestamp")
    private LocalDateTime createdAt;
}
