package org.divemap.backend.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A user, as the migrations up to head build {@code users}; {@code divemap:check} keeps the two in step. */
@Entity
@Table(name = "users")
public class User {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(length = 50, nullable = false, unique = true)
    private String username;

    @Column(nullable = false, unique = true)
    private String email;

    @Column(nullable = false)
    private String passwordHash;

    @Column(unique = true)
    private String googleId;

    @Column(nullable = false, columnDefinition = "timestamp")
    private LocalDateTime createdAt;

    @Column(nullable = false, columnDefinition = "timestamp")
    private LocalDateTime updatedAt;

    @Column(name = "is_admin", nullable = false)
    private boolean admin;

    @Column(name = "is_moderator", nullable = false)
    private boolean moderator;

    @Column(length = 100)
    private String divingCertification;

    private int numberOfDives;

    private int profileViewCount;
}
