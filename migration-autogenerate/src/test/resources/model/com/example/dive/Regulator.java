package com.example.dive;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

@Entity
@DiscriminatorValue("regulator")
public class Regulator extends Equipment {
    private Integer stages;
}
