package com.example.dive;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

@Entity
@DiscriminatorValue("computer")
public class DiveComputer extends Equipment {
    private String algorithm;
}
