package org.divemap.migrations.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.Column;
import org.divemap.migrations.ColumnChange;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.ForeignKeyRef;
import org.divemap.migrations.Index;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.Type;

/**
 * Small histories for the extension's own tests: a healthy one, and copies of it with one planted
 * defect each. Written as registries by hand, since several histories with their own heads cannot
 * share one compilation.
 */
final class Histories {

    private Histories() {}

    /** Builds a revision from two lambdas. */
    static RegisteredRevision revision(String id, List<String> revises, List<String> labels, Consumer<Operations> up,
            Consumer<Operations> down) {
        Migration migration = new Migration() {
            @Override
            public void upgrade(Operations op) {
                up.accept(op);
            }

            @Override
            public void downgrade(Operations op) {
                down.accept(op);
            }
        };
        return new RegisteredRevision(id, revises, labels, List.of(), "fixture " + id, "fixtures.Revision_" + id, null,
                () -> migration);
    }

    static RegisteredRevision revision(String id, String revises, Consumer<Operations> up, Consumer<Operations> down) {
        return revision(id, revises == null ? List.of() : List.of(revises), List.of(), up, down);
    }

    /**
     * sites, then a depth column, a "photos" branch beside an index, merged back, and a batched
     * data migration at the end.
     */
    static List<RegisteredRevision> healthy() {
        List<RegisteredRevision> revisions = new ArrayList<>();
        revisions.add(revision("h1_sites", null,
                op -> op.createTable("sites",
                        Column.of("id", Type.integer()).autoIncrement().primaryKey(),
                        Column.of("name", Type.varchar(100)),
                        Column.of("depth", Type.integer()).nullable()),
                op -> op.dropTable("sites")));
        revisions.add(revision("h2_site_country", "h1_sites",
                op -> op.addColumn("sites", Column.of("country", Type.varchar(2)).nullable()),
                op -> op.dropColumn("sites", "country")));
        revisions.add(revision("h3_photos", List.of("h2_site_country"), List.of("photos"),
                op -> op.createTable("photos",
                        Column.of("id", Type.integer()).autoIncrement().primaryKey(),
                        Column.of("site_id", Type.integer()),
                        Column.of("url", Type.varchar(500)),
                        Constraint.foreignKey("site_id", "sites", "id"),
                        Constraint.unique("site_id", "url")),
                op -> op.dropTable("photos")));
        revisions.add(revision("h4_sites_name_index", "h2_site_country",
                op -> op.createIndex("sites", Index.on("name").named("idx_sites_name")),
                op -> op.dropIndex("sites", "idx_sites_name")));
        revisions.add(revision("h5_merge", List.of("h3_photos", "h4_sites_name_index"), List.of(), op -> { }, op -> { }));
        revisions.add(revision("h6_depth_default", "h5_merge",
                op -> op.batchUpdate(BatchUpdate.of("sites", "id", batch -> batch.execute(
                        "UPDATE sites SET depth = 0 WHERE id BETWEEN ? AND ? AND depth IS NULL",
                        batch.from(), batch.to()))),
                op -> { }));
        return revisions;
    }

    /** The healthy history with {@code last} revising its head. */
    static List<RegisteredRevision> healthyThen(String id, Consumer<Operations> up, Consumer<Operations> down) {
        List<RegisteredRevision> revisions = healthy();
        revisions.add(revision(id, "h6_depth_default", up, down));
        return revisions;
    }

    public static final class Healthy implements RevisionRegistry {
        @Override
        public List<RegisteredRevision> revisions() {
            return healthy();
        }
    }

    /** The downgrade drops the column but forgets the index the upgrade created on it... of another column. */
    public static final class ForgottenIndex implements RevisionRegistry {
        @Override
        public List<RegisteredRevision> revisions() {
            return healthyThen("d1_sites_country_index",
                    op -> op.createIndex("sites", Index.on("country").named("idx_sites_country")),
                    op -> { });
        }
    }

    /** The downgrade forgets the check constraint the upgrade added. */
    public static final class ForgottenCheck implements RevisionRegistry {
        @Override
        public List<RegisteredRevision> revisions() {
            return healthyThen("d1_sites_depth_check",
                    op -> op.addConstraint("sites", Constraint.check("depth >= 0").named("depth_positive")),
                    op -> { });
        }
    }

    /** The upgrade widens sites.name; the downgrade forgets to narrow it again. */
    public static final class ForgottenLength implements RevisionRegistry {
        @Override
        public List<RegisteredRevision> revisions() {
            return healthyThen("d1_widen_site_name",
                    op -> op.alterColumn("sites", ColumnChange.of("name").type(Type.varchar(200))),
                    op -> { });
        }
    }

    /** The downgrade drops "depth" instead of the "visibility" the upgrade added. */
    public static final class WrongColumn implements RevisionRegistry {
        @Override
        public List<RegisteredRevision> revisions() {
            return healthyThen("d1_sites_visibility",
                    op -> op.addColumn("sites", Column.of("visibility", Type.varchar(10)).nullable()),
                    op -> op.dropColumn("sites", "depth"));
        }
    }

    /** The upgrade seeds a row the downgrade leaves, so the second upgrade hits the unique key. */
    public static final class FailsSecondRun implements RevisionRegistry {
        @Override
        public List<RegisteredRevision> revisions() {
            List<RegisteredRevision> revisions = healthy();
            revisions.add(revision("d0_settings", "h6_depth_default",
                    op -> op.createTable("settings",
                            Column.of("name", Type.varchar(50)).primaryKey(),
                            Column.of("setting", Type.varchar(50))),
                    op -> op.dropTable("settings")));
            revisions.add(revision("d1_seed_settings", "d0_settings",
                    op -> op.execute("INSERT INTO settings (name, setting) VALUES (?, ?)", "units", "metric"),
                    op -> { }));
            return revisions;
        }
    }

    /** Each registry alone is fine; together they have two unlabeled heads (a2 and b1 both revise a1). */
    public static final class LineA implements RevisionRegistry {
        @Override
        public List<RegisteredRevision> revisions() {
            return List.of(
                    revision("a1_users", null,
                            op -> op.createTable("users", Column.of("id", Type.integer()).primaryKey()),
                            op -> op.dropTable("users")),
                    revision("a2_user_email", "a1_users",
                            op -> op.addColumn("users", Column.of("email", Type.varchar(100)).nullable()),
                            op -> op.dropColumn("users", "email")));
        }
    }

    public static final class LineB implements RevisionRegistry {
        @Override
        public List<RegisteredRevision> revisions() {
            return List.of(revision("b1_user_phone", "a1_users",
                    op -> op.addColumn("users", Column.of("phone", Type.varchar(20)).nullable()),
                    op -> op.dropColumn("users", "phone")));
        }
    }

    /** Puts a counter into a statement, so two renderings differ (the schema does not). */
    public static final class Nondeterministic implements RevisionRegistry {
        private static int renderings;

        @Override
        public List<RegisteredRevision> revisions() {
            return healthyThen("d1_touch_sites",
                    op -> op.execute("UPDATE sites SET depth = depth WHERE id < " + (++renderings)),
                    op -> { });
        }
    }

    /**
     * A history ported from Alembic: constraints the database names (a foreign key and a check in
     * create_table, a unique constraint added later), and a revision that drops the foreign key by
     * its column, as {@code op.drop_constraint('dives_ibfk_1', ...)} did in the original.
     */
    public static final class ServerNamed implements RevisionRegistry {
        @Override
        public List<RegisteredRevision> revisions() {
            return List.of(
                    revision("s1_centers", null,
                            op -> op.createTable("centers", Column.of("id", Type.integer()).primaryKey()),
                            op -> op.dropTable("centers")),
                    revision("s2_dives", "s1_centers",
                            op -> op.createTable("dives", Column.of("id", Type.integer()).primaryKey(),
                                    Column.of("center_id", Type.integer()).nullable(),
                                    Column.of("code", Type.varchar(10)).nullable(),
                                    Column.of("depth", Type.integer()).nullable(),
                                    Constraint.foreignKey("center_id", "centers", "id").serverNamed(),
                                    Constraint.check("depth > 0").serverNamed()),
                            op -> op.dropTable("dives")),
                    revision("s3_dive_code", "s2_dives",
                            op -> op.addConstraint("dives", Constraint.unique("code").serverNamed()),
                            op -> op.dropUniqueConstraint("dives", "code")),
                    revision("s4_no_center_key", "s3_dive_code",
                            op -> op.dropForeignKey("dives", ForeignKeyRef.on("center_id")),
                            op -> op.addConstraint("dives",
                                    Constraint.foreignKey("center_id", "centers", "id").serverNamed())));
        }
    }
}
