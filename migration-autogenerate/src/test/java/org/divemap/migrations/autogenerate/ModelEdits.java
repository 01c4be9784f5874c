package org.divemap.migrations.autogenerate;

import java.util.List;

/**
 * Scripted edits of the test model, each the kind of change a developer makes between two
 * revisions, with a fragment the generated upgrade must contain.
 */
final class ModelEdits {

    /** One edit of the sources. */
    interface Action {
        void apply(ModelProject project) throws Exception;
    }

    record Edit(String message, String expected, Action action) {
        @Override
        public String toString() {
            return message;
        }
    }

    private static final String DIVE = "com/example/dive/";

    private ModelEdits() {}

    static List<Edit> all() {
        return List.of(
                new Edit("add phone to divers", "op.addColumn(\"divers\", Column.of(\"phone\", Type.varchar(30)).nullable())",
                        p -> p.replace(DIVE + "Diver.java", "    private LocalDate bornOn;",
                                "    private LocalDate bornOn;\n\n    @Column(length = 30)\n    private String phone;")),
                new Edit("widen diver names", ".type(Type.varchar(150))",
                        p -> p.replace(DIVE + "Diver.java", "@Column(length = 100)", "@Column(length = 150)")),
                new Edit("require dive duration", ".nullable(false)",
                        p -> p.replace(DIVE + "Dive.java", "    private Integer durationMinutes;",
                                "    @jakarta.persistence.Column(nullable = false)\n    private Integer durationMinutes;")),
                new Edit("add photos", "op.createTable(\"photos\"",
                        p -> p.put(DIVE + "Photo.java", """
                                package com.example.dive;

                                import jakarta.persistence.Column;
                                import jakarta.persistence.Entity;
                                import jakarta.persistence.GeneratedValue;
                                import jakarta.persistence.GenerationType;
                                import jakarta.persistence.Id;
                                import jakarta.persistence.ManyToOne;
                                import jakarta.persistence.Table;
                                import java.time.Instant;

                                @Entity
                                @Table(name = "photos")
                                public class Photo {
                                    @Id
                                    @GeneratedValue(strategy = GenerationType.IDENTITY)
                                    private Long id;

                                    @ManyToOne(optional = false)
                                    private Dive dive;

                                    @Column(length = 500, nullable = false)
                                    private String url;

                                    private Instant takenAt;
                                }
                                """)),
                new Edit("index dives by date", "op.createIndex(\"dives\", Index.on(\"dived_at\").named(op.f(\"ix_dives_dived_at\")))",
                        p -> p.replace(DIVE + "Dive.java", "@Table(name = \"dives\")",
                                "@Table(name = \"dives\", indexes = @jakarta.persistence.Index(name = \"ix_dives_dived_at\","
                                        + " columnList = \"dived_at\"))")),
                new Edit("certification codes unique per agency", "Constraint.unique(\"agency\", \"code\")", p -> {
                    p.replace(DIVE + "Certification.java", "@Column(nullable = false, unique = true, length = 40)",
                            "@Column(nullable = false, length = 40)");
                    p.replace(DIVE + "Certification.java", "@Table(name = \"certifications\")",
                            "@Table(name = \"certifications\", uniqueConstraints = @jakarta.persistence.UniqueConstraint("
                                    + "columnNames = {\"agency\", \"code\"}))");
                    p.replace(DIVE + "Certification.java", "    private String code;",
                            "    private String code;\n\n    @Column(length = 40)\n    private String agency;");
                }),
                new Edit("more depth precision", ".type(Type.decimal(6, 2))",
                        p -> p.replace(DIVE + "DiveSite.java", "@Column(precision = 5, scale = 1)",
                                "@Column(precision = 6, scale = 2)")),
                new Edit("cascade photo deletes", ".onDelete(ReferentialAction.CASCADE)",
                        p -> p.replace(DIVE + "Photo.java", "    @ManyToOne(optional = false)",
                                "    @ManyToOne(optional = false)\n    @org.hibernate.annotations.OnDelete("
                                        + "action = org.hibernate.annotations.OnDeleteAction.CASCADE)")),
                new Edit("rename diver name to full name", "op.addColumn(\"divers\", Column.of(\"full_name\"",
                        p -> p.replace(DIVE + "Diver.java", "    private String name;", "    private String fullName;")),
                new Edit("drop dive site descriptions", "op.dropColumn(\"dive_sites\", \"description\")",
                        p -> p.replace(DIVE + "DiveSite.java", "    @Lob\n    private String description;\n", "")),
                new Edit("tag dive sites", "op.createTable(\"dive_sites_tags\"", p -> {
                    p.put(DIVE + "Tag.java", """
                            package com.example.dive;

                            import jakarta.persistence.Column;
                            import jakarta.persistence.Entity;
                            import jakarta.persistence.GeneratedValue;
                            import jakarta.persistence.GenerationType;
                            import jakarta.persistence.Id;
                            import jakarta.persistence.Table;

                            @Entity
                            @Table(name = "tags")
                            public class Tag {
                                @Id
                                @GeneratedValue(strategy = GenerationType.IDENTITY)
                                private Long id;

                                @Column(length = 50, nullable = false, unique = true)
                                private String label;
                            }
                            """);
                    p.replace(DIVE + "DiveSite.java", "    @Version",
                            "    @jakarta.persistence.ManyToMany\n    private Set<Tag> tags;\n\n    @Version");
                }),
                new Edit("open water courses", "op.createTable(\"open_water_courses\"",
                        p -> p.put(DIVE + "OpenWaterCourse.java", """
                                package com.example.dive;

                                import jakarta.persistence.Entity;
                                import jakarta.persistence.Table;

                                @Entity
                                @Table(name = "open_water_courses")
                                public class OpenWaterCourse extends Course {
                                    private Integer maxDepthMeters;
                                }
                                """)),
                new Edit("comment certification codes", ".comment(\"The agency's code, e.g. OWD\")",
                        p -> p.replace(DIVE + "Certification.java", "    @Column(nullable = false, length = 40)\n    private String code;",
                                "    @Column(nullable = false, length = 40)\n"
                                        + "    @org.hibernate.annotations.Comment(\"The agency's code, e.g. OWD\")\n"
                                        + "    private String code;")),
                new Edit("drop photos", "op.dropTable(\"photos\")", p -> p.delete(DIVE + "Photo.java")));
    }
}
