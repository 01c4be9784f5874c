package com.example.dive;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(name = "divers")
public class Diver {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(nullable = false, unique = true, length = 200)
    private String email;

    @Column(length = 100)
    private String name;

    private LocalDate bornOn;

    private boolean active;

    @ManyToMany
    @JoinTable(name = "diver_certifications",
            joinColumns = @JoinColumn(name = "diver_id"),
            inverseJoinColumns = @JoinColumn(name = "certification_id"))
    private Set<Certification> certifications;
}
