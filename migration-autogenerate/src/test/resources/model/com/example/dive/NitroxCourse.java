package com.example.dive;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "nitrox_courses")
public class NitroxCourse extends Course {
    private Integer maxOxygenPercent;
}
