package org.divemap.backend.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDateTime;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** A user's score for a dive site, from the {@code ratings} branch: {@code dive_site_ratings}. */
@Entity
@Table(name = "dive_site_ratings", uniqueConstraints = @UniqueConstraint(columnNames = {"dive_site_id", "user_id"}))
public class DiveSiteRating {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "dive_site_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private DiveSite diveSite;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    /** 1 to 10; the migration's check constraint enforces it (autogenerate does not compare checks). */
    private int score;

    @Column(nullable = false, columnDefinition = "timestamp")
    private LocalDateTime createdAt;
}
