package com.example.dive;

public enum WaterType { SALT, FRESH, BRACKISH }
