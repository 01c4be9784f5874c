package com.example.dive;

public enum Difficulty { EASY, MEDIUM, HARD }
