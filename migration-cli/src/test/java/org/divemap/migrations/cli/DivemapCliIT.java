package org.divemap.migrations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the real divemap-cli.jar as a separate process against MariaDB, PostgreSQL and H2. */
class DivemapCliIT {

    private static final Path JAR = Path.of("target", "divemap-cli.jar");
    private static final String CLASSES = Path.of("target", "test-classes").toAbsolutePath().toString();

    record Run(int exit, String out, String err) {
        JsonObject json() {
            return JsonParser.parseString(out.strip()).getAsJsonObject();
        }
    }

    static Run cli(Map<String, String> env, Path dir, String... args) throws IOException, InterruptedException {
        return cli(List.of(), StandardCharsets.UTF_8, env, dir, args);
    }

    /** Runs the jar with these JVM options, reading what it prints in {@code charset}. */
    static Run cli(List<String> jvmOptions, Charset charset, Map<String, String> env, Path dir, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DIVEMAP_"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) { // a guard against a hang, not a measure of speed
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish: " + String.join(" ", args));
        }
        return new Run(process.exitValue(), Files.readString(out, charset), Files.readString(err, charset));
    }

    /** What {@link #database} created on the servers: each a server's URL and the statement that drops it. */
    private static final List<String[]> CREATED = new ArrayList<>();

    /** Drops what {@link #database} created, so that test runs leave no databases on the servers behind. */
    @AfterAll
    static void dropDatabases() throws SQLException {
        List<String[]> created;
        synchronized (CREATED) {
            created = new ArrayList<>(CREATED);
            CREATED.clear();
        }
        for (String[] database : created) {
            try (Connection c = DriverManager.getConnection(database[0]); Statement s = c.createStatement()) {
                s.execute(database[1]);
            }
        }
    }

    /** A fresh database: a MariaDB database or a PostgreSQL schema, or an H2 file, as a JDBC URL. */
    static String database(String kind, Path dir) throws SQLException {
        String name = "divemap_cli_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000);
        switch (kind) {
            case "mariadb" -> {
                String server = System.getenv().getOrDefault("DIVEMAP_TEST_MYSQL_URL",
                        "jdbc:mysql://127.0.0.1:3306/?user=root&password=");
                try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
                synchronized (CREATED) {
                    CREATED.add(new String[] {server, "DROP DATABASE IF EXISTS " + name});
                }
                int q = server.indexOf('?');
                String base = q < 0 ? server : server.substring(0, q);
                return (base.endsWith("/") ? base : base + "/") + name + (q < 0 ? "" : server.substring(q));
            }
            case "postgresql" -> {
                String server = System.getenv().getOrDefault("DIVEMAP_TEST_POSTGRES_URL",
                        "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
                try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + name);
                }
                synchronized (CREATED) {
                    CREATED.add(new String[] {server, "DROP SCHEMA IF EXISTS " + name + " CASCADE"});
                }
                return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
            }
            default -> {
                return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "postgresql", "h2"})
    void everyCommandAgainstARealDatabase(String kind, @TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("DIVEMAP_URL", database(kind, dir));
        Run up = cli(env, dir, "upgrade", "--classpath", CLASSES, "--json");
        assertEquals(0, up.exit(), up.err());
        JsonObject result = up.json();
        assertTrue(result.get("ok").getAsBoolean());
        assertEquals("0002_name", result.getAsJsonArray("versionAfter").get(0).getAsString());
        assertEquals(2, result.getAsJsonArray("steps").size());
        assertTrue(up.err().contains("upgraded  0001_items in"), up.err());

        Run current = cli(env, dir, "current", "--classpath", CLASSES);
        assertEquals(0, current.exit(), current.err());
        assertEquals("0002_name (head)", current.out().strip());

        Run history = cli(env, dir, "history", "--classpath", CLASSES);
        assertTrue(history.out().contains("0001_items -> 0002_name (current, head), Add name"), history.out());

        Run check = cli(env, dir, "check", "--classpath", CLASSES, "--json");
        assertEquals(0, check.exit(), check.out() + check.err());

        Run down = cli(env, dir, "downgrade", "-1", "--classpath", CLASSES);
        assertEquals(0, down.exit(), down.err());
        assertTrue(down.out().contains("Now at: 0001_items"), down.out());

        Run behind = cli(env, dir, "check", "--classpath", CLASSES, "--json");
        assertEquals(4, behind.exit(), behind.out());
        assertEquals("0002_name", behind.json().getAsJsonArray("pending").get(0).getAsString());

        Run stamp = cli(env, dir, "stamp", "0002_name", "--classpath", CLASSES);
        assertEquals(0, stamp.exit(), stamp.err());
        Run stampBack = cli(env, dir, "stamp", "0001_items", "--classpath", CLASSES);
        assertEquals(0, stampBack.exit(), stampBack.err());

        Run heads = cli(Map.of(), dir, "heads", "--classpath", CLASSES);
        assertEquals("0001_items -> 0002_name (head), Add name", heads.out().strip());
        Run show = cli(Map.of(), dir, "show", "0002", "--classpath", CLASSES);
        assertTrue(show.out().contains("0002_name"), show.out());
        Run branches = cli(Map.of(), dir, "branches", "--classpath", CLASSES);
        assertEquals(0, branches.exit());

        Run base = cli(env, dir, "downgrade", "base", "--record-every", "2", "--classpath", CLASSES);
        assertEquals(0, base.exit(), base.err());
        assertTrue(base.out().contains("Now at: base"), base.out());
    }

    @Test
    void verboseLogsEachStatementAndQuietRunsPrintNoLoggingNoise(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("DIVEMAP_URL", database("h2", dir));
        Run quiet = cli(env, dir, "upgrade", "0001_items", "--classpath", CLASSES);
        assertEquals(0, quiet.exit(), quiet.err());
        assertFalse(quiet.err().contains("SLF4J"), quiet.err());
        assertFalse(quiet.err().contains("Registered driver"), quiet.err());
        assertFalse(quiet.err().contains("DEBUG"), quiet.err());
        assertTrue(quiet.err().contains("upgraded  0001_items in"), quiet.err());

        Run verbose = cli(env, dir, "upgrade", "--verbose", "--classpath", CLASSES);
        assertEquals(0, verbose.exit(), verbose.err());
        assertTrue(verbose.err().contains("DEBUG org.divemap.migrations.runtime.sql - "), verbose.err());
        assertTrue(verbose.err().contains("upgraded  0002_name in"), verbose.err());
        assertFalse(verbose.err().contains("INFO org.divemap"), "the CLI prints its own progress: " + verbose.err());
    }

    @Test
    void safeUpgradeStopsWhenTheBackupFails(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("DIVEMAP_URL", database("h2", dir));
        Run failed = cli(env, dir, "upgrade", "--safe", "--backup-command", "echo disk full >&2; exit 3",
                "--classpath", CLASSES, "--json");
        assertEquals(5, failed.exit(), failed.out());
        assertEquals("BACKUP_FAILED", failed.json().getAsJsonObject("error").get("kind").getAsString());
        assertEquals("The backup failed with exit code 3: disk full. Nothing was migrated.",
                failed.json().getAsJsonObject("error").get("message").getAsString());
        Run text = cli(env, dir, "upgrade", "--safe", "--backup-command", "exit 7", "--classpath", CLASSES);
        assertEquals(5, text.exit(), text.err());
        assertEquals("divemap upgrade failed: The backup failed with exit code 7. Nothing was migrated.",
                text.err().lines().filter(l -> l.startsWith("divemap ")).findFirst().orElse(text.err()));
        assertEquals("base (no revision applied)", cli(env, dir, "current", "--classpath", CLASSES).out().strip());

        Run safe = cli(env, dir, "upgrade", "--safe", "--backup-command", "echo dump > \"$DIVEMAP_BACKUP_FILE\"",
                "--classpath", CLASSES);
        assertEquals(0, safe.exit(), safe.err());
        assertTrue(safe.out().contains("Connected. Current: base"), safe.out());
        assertTrue(safe.out().contains("To apply: 0001_items, 0002_name"), safe.out());
        assertTrue(safe.out().contains("Verified: the database is at 0002_name; backup in"), safe.out());
        try (var backups = Files.list(dir.resolve("backups"))) {
            assertEquals(1, backups.count());
        }
        Run rollback = cli(env, dir, "downgrade", "-1", "--safe", "--classpath", CLASSES);
        assertEquals(0, rollback.exit(), rollback.err());
        assertTrue(rollback.out().contains("To revert: 0002_name"), rollback.out());
        assertTrue(rollback.out().contains("Verified: the database is at 0001_items"), rollback.out());
    }

    @Test
    void aBackupThatNeverEndsIsStoppedAtItsTimeoutAndNothingIsMigrated(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("DIVEMAP_URL", database("h2", dir));
        Path pid = dir.resolve("backup.pid");
        // it holds its output open forever: reading that output to its end before the timeout never returns;
        // 10 s, so that its first lines have run before the timeout on any load
        Run stuck = cli(env, dir, "upgrade", "--safe", "--backup-command", "echo $$ > '" + pid + "'; echo dumping;"
                + " exec sleep 86400", "--backup-timeout", "10", "--classpath", CLASSES, "--json");
        assertEquals(5, stuck.exit(), stuck.out() + stuck.err());
        assertEquals("BACKUP_FAILED", stuck.json().getAsJsonObject("error").get("kind").getAsString());
        assertEquals("The backup was still running after 10 s (--backup-timeout), so it was stopped: dumping. Nothing"
                + " was migrated.", stuck.json().getAsJsonObject("error").get("message").getAsString());
        long backup = Long.parseLong(Files.readString(pid).strip());
        assertFalse(ProcessHandle.of(backup).map(ProcessHandle::isAlive).orElse(false), "the backup was killed");
        assertEquals("base (no revision applied)", cli(env, dir, "current", "--classpath", CLASSES).out().strip());
    }

    @Test
    void theBackupsOutputIsReadAsUtf8WhateverThePlatformCharset(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("DIVEMAP_URL", database("h2", dir));
        // a JVM whose default charset is not UTF-8, as on a server with LANG=C or a Latin-1 locale
        Run failed = cli(List.of("-Dfile.encoding=ISO-8859-1"), StandardCharsets.ISO_8859_1, env, dir, "upgrade",
                "--safe", "--backup-command", "printf 'disque plein \\303\\251\\n' >&2; exit 3", "--classpath",
                CLASSES, "--json");
        assertEquals(5, failed.exit(), failed.out());
        assertEquals("The backup failed with exit code 3: disque plein \u00e9. Nothing was migrated.",
                failed.json().getAsJsonObject("error").get("message").getAsString());
    }

    @Test
    void aCredentialGivenTwiceIsRefusedNamingThePlaceToDrop(@TempDir Path dir) throws Exception {
        String url = database("h2", dir);
        Run user = cli(Map.of("DIVEMAP_URL", url, "DIVEMAP_USER", "sa"), dir, "current", "--user", "sa",
                "--classpath", CLASSES, "--json");
        assertEquals(2, user.exit(), user.out());
        assertEquals("CONFIGURATION", user.json().getAsJsonObject("error").get("kind").getAsString());
        assertEquals("The database user is given in 2 places: --user and DIVEMAP_USER. Give it once: drop --user.",
                user.json().getAsJsonObject("error").get("message").getAsString());
        Files.writeString(dir.resolve("divemap.properties"), "url=" + url + "\npassword=Prop-Secret-42\n");
        Run password = cli(Map.of("DIVEMAP_PASSWORD", "Env-Secret-42"), dir, "current", "--classpath", CLASSES);
        assertEquals(2, password.exit(), password.err());
        assertEquals("divemap current failed: The database password is given in 2 places: DIVEMAP_PASSWORD and"
                + " password in divemap.properties. Give it once: drop DIVEMAP_PASSWORD.", password.err().strip());
        // offline commands read no credentials, so nothing is given twice
        assertEquals(0, cli(Map.of("DIVEMAP_PASSWORD", "Env-Secret-42"), dir, "heads", "--classpath", CLASSES).exit());
    }

    @Test
    void anInterruptedRevisionStopsUpgradeWithExitTwoAndFailsCheckUntilStamped(@TempDir Path dir) throws Exception {
        String url = database("h2", dir);
        Map<String, String> env = Map.of("DIVEMAP_URL", url);
        assertEquals(0, cli(env, dir, "upgrade", "0001_items", "--classpath", CLASSES).exit());
        // what a run killed inside 0002_name leaves behind: its mark, written before its first statement
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO divemap_history (revision, direction, started_at,"
                    + " duration_ms, success, os_user, host, error) VALUES ('0002_name', 'up',"
                    + " CURRENT_TIMESTAMP, 0, FALSE, 'deploy', 'app-7', '"
                    + org.divemap.migrations.runtime.history.HistoryEntry.RUNNING + "process 4242 started this revision"
                    + " and has not recorded its end.\nNo statement is known to have completed.')");
        }
        Run upgrade = cli(env, dir, "upgrade", "--classpath", CLASSES);
        assertEquals(2, upgrade.exit(), upgrade.err());
        // the refusal comes before any plan is printed: nothing was about to run
        assertTrue(upgrade.err().startsWith("divemap upgrade failed: Revision 0002_name did not finish its upgrade: a"
                + " run by deploy on app-7 started it at "), upgrade.err());
        assertTrue(upgrade.err().contains("process 4242"), upgrade.err());
        assertTrue(upgrade.err().contains("stamp the revision the schema is at: 0002_name if the upgrade is complete,"
                + " 0001_items to run it again"), upgrade.err());
        Run retry = cli(env, dir, "upgrade", "--retry-interrupted", "--classpath", CLASSES, "--json");
        assertEquals(2, retry.exit(), retry.out());
        assertEquals("INTERRUPTED_REVISION", retry.json().getAsJsonObject("error").get("kind").getAsString());
        assertTrue(retry.json().getAsJsonObject("error").get("message").getAsString()
                .contains("is not declared re-runnable"), retry.out());
        Run check = cli(env, dir, "check", "--classpath", CLASSES, "--json");
        assertEquals(4, check.exit(), check.out());
        assertEquals("[\"0002_name\"]", check.json().get("interrupted").toString());
        Run checkText = cli(env, dir, "check", "--classpath", CLASSES);
        assertEquals(4, checkText.exit(), checkText.out());
        assertTrue(checkText.out().contains("Interrupted or left half-done: 0002_name. divemap upgrade says what its"
                + " journal knows; check the schema, then run divemap stamp"), checkText.out());
        // nothing of it ran: say the schema is where the version table says, and run it again
        assertEquals(0, cli(env, dir, "stamp", "0001_items", "--classpath", CLASSES).exit());
        Run again = cli(env, dir, "upgrade", "--classpath", CLASSES);
        assertEquals(0, again.exit(), again.err());
        assertEquals(0, cli(env, dir, "check", "--classpath", CLASSES).exit());
    }

    @Test
    void safeRefusesBeforeTheBackupWhatThePlainCommandRefuses(@TempDir Path dir) throws Exception {
        String url = database("h2", dir);
        Map<String, String> env = Map.of("DIVEMAP_URL", url);
        assertEquals(0, cli(env, dir, "upgrade", "--classpath", CLASSES).exit());
        // what a batched run that died leaves behind: a marked row for a revision it may have run
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO divemap_history (revision, direction, started_at,"
                    + " duration_ms, success, error) VALUES ('0002_name', 'down', CURRENT_TIMESTAMP, 0,"
                    + " FALSE, '" + org.divemap.migrations.runtime.history.HistoryTable.UNRECORDED + "')");
        }
        Path marker = dir.resolve("backup-ran");
        for (String target : List.of("head", "-1")) { // nothing to do, then something to do
            Run safe = cli(env, dir, target.equals("head") ? "upgrade" : "downgrade", target, "--safe",
                    "--backup-command", "touch \"" + marker + "\"", "--classpath", CLASSES, "--json");
            assertEquals(2, safe.exit(), safe.out());
            assertEquals("UNRECORDED_REVISIONS", safe.json().getAsJsonObject("error").get("kind").getAsString());
            assertFalse(Files.exists(marker), "no backup is taken for a run that is refused");
        }
        Run history = cli(Map.of(), dir, "history", "--classpath", CLASSES);
        assertEquals(0, history.exit(), history.err());
        assertTrue(history.out().contains("0001_items -> 0002_name (head), Add name"), history.out());
        // a blank value is not given, in every place: the default table
        Run blankTable = cli(env, dir, "current", "--version-table", "", "--classpath", CLASSES, "--json");
        assertEquals(0, blankTable.exit(), blankTable.out());
        assertEquals("[\"0002_name\"]", blankTable.json().get("versionRows").toString());
        // a version table naming a revision this build lacks: only a purging stamp repairs it
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DELETE FROM divemap_history");
            s.execute("UPDATE divemap_version SET version_num = 'ffff_gone'");
        }
        Run stampWithout = cli(env, dir, "stamp", "0001_items", "--classpath", CLASSES);
        assertEquals(2, stampWithout.exit(), stampWithout.err());
        Run purged = cli(env, dir, "stamp", "--purge", "0001_items", "--classpath", CLASSES);
        assertEquals(0, purged.exit(), purged.err());
        assertEquals("0001_items", cli(env, dir, "current", "--classpath", CLASSES).out().strip());
        Run missingConfig = cli(env, dir, "current", "--config", "nowhere.properties", "--classpath", CLASSES);
        assertEquals(2, missingConfig.exit(), missingConfig.err());
        assertTrue(missingConfig.err().contains("The configuration file nowhere.properties does not exist."),
                missingConfig.err());
        Path passwordFile = Files.writeString(dir.resolve("password"), "");
        Run blankPassword = cli(Map.of("DIVEMAP_URL", url, "DIVEMAP_PASSWORD", "", "DIVEMAP_PASSWORD_FILE",
                passwordFile.toString()), dir, "current", "--classpath", CLASSES);
        assertEquals(0, blankPassword.exit(), "a blank variable counts as unset: " + blankPassword.err());
    }

    @Test
    void safeUpgradeWithTheBuiltInMysqldump(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("DIVEMAP_URL", database("mariadb", dir));
        Run safe = cli(env, dir, "upgrade", "--safe", "--backup", "--classpath", CLASSES);
        assertEquals(0, safe.exit(), safe.err());
        try (var backups = Files.list(dir.resolve("backups"))) {
            Path dump = backups.findFirst().orElseThrow();
            assertTrue(Files.readString(dump).contains("MariaDB dump") || Files.readString(dump).contains("MySQL dump"));
        }
    }

    @Test
    void theBuiltInMysqldumpGetsThePasswordOutOfSight(@TempDir Path dir) throws Exception {
        String url = database("mariadb", dir);
        String database = url.substring(url.lastIndexOf('/') + 1, url.contains("?") ? url.indexOf('?') : url.length());
        String server = System.getenv().getOrDefault("DIVEMAP_TEST_MYSQL_URL",
                "jdbc:mysql://127.0.0.1:3306/?user=root&password=");
        String user = "dm_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000);
        String password = "Dump-Pw-" + user;
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
            s.execute("GRANT ALL ON " + database + ".* TO '" + user + "'@'%'");
        }
        try {
            String plain = url.substring(0, url.contains("?") ? url.indexOf('?') : url.length());
            Map<String, String> env = Map.of("DIVEMAP_URL", plain, "DIVEMAP_USER", user, "DIVEMAP_PASSWORD", password);
            Run safe = cli(env, dir, "upgrade", "--safe", "--backup", "--classpath", CLASSES);
            assertEquals(0, safe.exit(), safe.err());
            assertFalse(safe.out().contains(password) || safe.err().contains(password));
            try (var backups = Files.list(dir.resolve("backups"))) {
                assertTrue(Files.readString(backups.findFirst().orElseThrow()).contains("dump"));
            }
        } finally {
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("DROP USER '" + user + "'@'%'");
            }
        }
    }

    @Test
    void safeUpgradeWithTheBuiltInPgDumpIntoAChosenFolder(@TempDir Path dir) throws Exception {
        // a database of its own: pg_dump dumps the whole database, and other tests drop their schemas meanwhile
        String server = System.getenv().getOrDefault("DIVEMAP_TEST_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        String name = "divemap_cli_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        try {
            String url = server.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
            Map<String, String> env = Map.of("DIVEMAP_URL", url);
            assertEquals(0, cli(env, dir, "upgrade", "0001_items", "--classpath", CLASSES).exit());
            Path folder = dir.resolve("dumps");
            Run safe = cli(env, dir, "upgrade", "--safe", "--backup", "--backup-dir", folder.toString(),
                    "--classpath", CLASSES);
            assertEquals(0, safe.exit(), safe.err());
            try (var backups = Files.list(folder)) {
                String dump = Files.readString(backups.findFirst().orElseThrow());
                assertTrue(dump.contains("PostgreSQL database dump"), dump.substring(0, Math.min(300, dump.length())));
                assertTrue(dump.contains("CREATE TABLE public.divemap_version"), "the migrated schema is in it");
            }
        } finally {
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
        }
    }

    @Test
    void anotherMigratorHoldingTheLockIsExitCode3(@TempDir Path dir) throws Exception {
        String url = database("mariadb", dir);
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(2);
        try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config);
                Connection c = pool.getConnection()) {
            org.divemap.migrations.runtime.dialect.Dialect dialect = org.divemap.migrations.runtime.dialect.Dialect.detect(c);
            try (var lock = org.divemap.migrations.runtime.lock.MigrationLock.acquire(dialect, pool, "divemap_version",
                    java.time.Duration.ofSeconds(5))) {
                Run blocked = cli(Map.of("DIVEMAP_URL", url), dir, "upgrade", "--lock-wait", "1", "--classpath", CLASSES,
                        "--json");
                assertEquals(3, blocked.exit(), blocked.out() + blocked.err());
                assertEquals("LOCK_TIMEOUT", blocked.json().getAsJsonObject("error").get("kind").getAsString());
            }
        }
    }

    @Test
    void offlineSqlNeedsNoDatabase(@TempDir Path dir) throws Exception {
        Run sql = cli(Map.of(), dir, "upgrade", "--sql", "--database", "postgresql", "--classpath", CLASSES);
        assertEquals(0, sql.exit(), sql.err());
        assertTrue(sql.out().contains("CREATE TABLE cli_items ("), sql.out());
        assertTrue(sql.out().contains("CONSTRAINT pk_cli_items PRIMARY KEY (id)"), sql.out());
        // the database names what the migrations leave unnamed, as Alembic without a naming_convention
        Run unnamed = cli(Map.of(), dir, "upgrade", "--sql", "--database", "mariadb", "--naming-convention", "none",
                "--classpath", CLASSES);
        assertEquals(0, unnamed.exit(), unnamed.err());
        assertTrue(unnamed.out().contains("\n    PRIMARY KEY (id)\n"), unnamed.out());
        assertFalse(unnamed.out().contains("pk_cli_items"), unnamed.out());
        Run wrong = cli(Map.of("DIVEMAP_NAMING_CONVENTION", "alembic"), dir, "upgrade", "--sql", "--database",
                "mariadb", "--classpath", CLASSES);
        assertEquals(2, wrong.exit(), wrong.out() + wrong.err());
        assertTrue(wrong.err().contains("DIVEMAP_NAMING_CONVENTION: namingConvention: \"alembic\" is not a naming"
                + " convention; give \"default\""), wrong.err());
        Run down = cli(Map.of(), dir, "downgrade", "head:base", "--sql", "--database", "mariadb", "--classpath", CLASSES);
        assertTrue(down.out().contains("DROP TABLE cli_items;"), down.out());
        // the version table of an adopted Alembic database, from the environment: offline too
        Run alembic = cli(Map.of("DIVEMAP_VERSION_TABLE", "alembic_version"), dir, "upgrade", "--sql", "--database",
                "mariadb", "--classpath", CLASSES);
        assertEquals(0, alembic.exit(), alembic.err());
        assertTrue(alembic.out().contains("INSERT INTO alembic_version "), alembic.out());
    }

    @Test
    void relativeTargetsBelowBaseOfZeroOrOfHugeStepsAreUsageErrorsThatChangeNothing(@TempDir Path dir)
            throws Exception {
        Map<String, String> env = Map.of("DIVEMAP_URL", database("h2", dir));
        assertEquals(0, cli(env, dir, "upgrade", "--classpath", CLASSES).exit());
        Run below = cli(env, dir, "downgrade", "base-2", "--classpath", CLASSES, "--json");
        assertEquals(2, below.exit(), below.out());
        assertEquals("MALFORMED_TARGET", below.json().getAsJsonObject("error").get("kind").getAsString());
        assertEquals("0002_name (head)", cli(env, dir, "current", "--classpath", CLASSES).out().strip());

        assertEquals(0, cli(env, dir, "downgrade", "-1", "--classpath", CLASSES).exit());
        Run up = cli(env, dir, "upgrade", "base-1", "--classpath", CLASSES);
        assertEquals(2, up.exit(), up.out() + up.err());
        assertTrue(up.err().contains("\"base-1\" steps down from base, below which there is nothing"), up.err());
        Run zero = cli(env, dir, "upgrade", "+0", "--classpath", CLASSES);
        assertEquals(2, zero.exit(), zero.err());
        assertTrue(zero.err().contains("\"+0\" moves nothing. Give a number of steps other than 0, such as +1"),
                zero.err());
        for (String huge : List.of("+2147483648", "+99999999999999999999")) {
            Run run = cli(env, dir, "upgrade", huge, "--classpath", CLASSES, "--json");
            assertEquals(2, run.exit(), run.out());
            assertEquals("INVALID_RANGE", run.json().getAsJsonObject("error").get("kind").getAsString(), run.out());
            assertTrue(run.out().contains("beyond the heads"), run.out());
        }
        assertEquals("0001_items", cli(env, dir, "current", "--classpath", CLASSES).out().strip());

        Run script = cli(Map.of(), dir, "downgrade", "head:base-2", "--sql", "--database", "mariadb", "--classpath",
                CLASSES);
        assertEquals(2, script.exit(), script.out());
        assertFalse(script.out().contains("DROP TABLE"), script.out());
    }

    @Test
    void configurationFileThenEnvironmentThenFlags(@TempDir Path dir) throws Exception {
        String fromFile = "jdbc:h2:file:" + dir.resolve("file-db").toAbsolutePath();
        String fromEnv = "jdbc:h2:file:" + dir.resolve("env-db").toAbsolutePath();
        String fromFlag = "jdbc:h2:file:" + dir.resolve("flag-db").toAbsolutePath();
        Files.writeString(dir.resolve("divemap.properties"), "url=" + fromFile + "\nuser=sa\n");
        assertEquals(0, cli(Map.of(), dir, "upgrade", "--classpath", CLASSES).exit());
        assertTrue(Files.exists(dir.resolve("file-db.mv.db")), "the file's URL is used without anything else");
        assertEquals(0, cli(Map.of("DIVEMAP_URL", fromEnv), dir, "upgrade", "--classpath", CLASSES).exit());
        assertTrue(Files.exists(dir.resolve("env-db.mv.db")), "the environment beats the file");
        assertEquals(0, cli(Map.of("DIVEMAP_URL", fromEnv), dir, "upgrade", "--url", fromFlag, "--classpath", CLASSES)
                .exit());
        assertTrue(Files.exists(dir.resolve("flag-db.mv.db")), "a flag beats the environment");
        Path secret = dir.resolve("password.txt");
        Files.writeString(secret, "\n");
        Run withFile = cli(Map.of("DIVEMAP_PASSWORD_FILE", secret.toString()), dir, "current", "--classpath", CLASSES);
        assertEquals(0, withFile.exit(), withFile.err());
    }

    @Test
    void aPasswordInAnyFormOfUrlIsMaskedInTextAndJson(@TempDir Path dir) throws Exception {
        String secret = "Url-Secret-42";
        for (String url : List.of("jdbc:nosuchdb://127.0.0.1/x?user=u&password1=" + secret,
                "jdbc:nosuchdb:mem:x;clientSecret=" + secret, "jdbc:oracle:thin:scott/" + secret + "@127.0.0.1:1521/x")) {
            Run text = cli(Map.of(), dir, "current", "--url", url, "--classpath", CLASSES);
            Run json = cli(Map.of("DIVEMAP_URL", url), dir, "current", "--classpath", CLASSES, "--json");
            assertEquals(2, text.exit(), text.err());
            assertTrue(text.err().contains("Cannot connect to jdbc:"), text.err());
            assertEquals("CONNECTION", json.json().getAsJsonObject("error").get("kind").getAsString(), json.out());
            for (String output : List.of(text.out(), text.err(), json.out(), json.err())) {
                assertFalse(output.contains(secret), output);
            }
        }
    }

    @Test
    void aMisspeltPasswordOptionIsMaskedInTheUsageError(@TempDir Path dir) throws Exception {
        String secret = "Opt-Secret-42";
        for (List<String> options : List.of(List.of("--pasword", secret), List.of("--pasword=" + secret),
                List.of("--passwd", secret), List.of("-p" + secret))) {
            List<String> args = new ArrayList<>(List.of("current", "--classpath", CLASSES));
            args.addAll(options);
            Run text = cli(Map.of(), dir, args.toArray(String[]::new));
            assertEquals(2, text.exit(), text.err());
            assertTrue(text.err().startsWith("Unknown option"), text.err());
            assertTrue(text.err().contains("****"), text.err());
            args.add("--json");
            Run json = cli(Map.of(), dir, args.toArray(String[]::new));
            assertEquals("USAGE", json.json().getAsJsonObject("error").get("kind").getAsString(), json.out());
            for (String output : List.of(text.out(), text.err(), json.out(), json.err())) {
                assertFalse(output.contains(secret), output);
            }
        }
        Run url = cli(Map.of(), dir, "current", "jdbc:oracle:thin:scott/" + secret + "@db:1521/x");
        assertEquals(2, url.exit(), url.err());
        assertTrue(url.err().contains("scott/****@db"), url.err());
    }

    @Test
    void aBrokenConfigurationFileIsAConfigurationErrorNamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("escape.properties"), "url=jdbc:h2:mem:x\nuser=sa\\u00\n");
        Run escape = cli(Map.of(), dir, "current", "--config", "escape.properties", "--classpath", CLASSES, "--json");
        assertEquals(2, escape.exit(), escape.out());
        assertEquals("CONFIGURATION", escape.json().getAsJsonObject("error").get("kind").getAsString());
        assertTrue(escape.json().getAsJsonObject("error").get("message").getAsString()
                .startsWith("The configuration file escape.properties has a malformed \\u escape at line 2:"),
                escape.out());
        Files.write(dir.resolve("divemap.properties"), new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE,
                0, 0, 0, 61});
        Run garbage = cli(Map.of(), dir, "current", "--classpath", CLASSES);
        assertEquals(2, garbage.exit(), garbage.err());
        assertTrue(garbage.err().contains("The configuration file divemap.properties is not a text file: line 1 holds"
                + " the byte 0x00"), garbage.err());
    }

    @Test
    void unknownKeysOfTheConfigurationFileAreWarnedAboutOnStandardError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("divemap.properties"), "url=" + database("h2", dir) + "\nversionTabel=x\n"
                + "pasword=Key-Secret-42\n");
        Run current = cli(Map.of(), dir, "current", "--classpath", CLASSES, "--json");
        assertEquals(0, current.exit(), current.err());
        assertTrue(current.json().get("ok").getAsBoolean(), "standard output is the JSON document alone");
        assertEquals(List.of("warning: divemap.properties: unknown key \"pasword\" is ignored; did you mean"
                + " \"password\"?", "warning: divemap.properties: unknown key \"versionTabel\" is ignored; did you"
                + " mean \"versionTable\"?"), current.err().lines().toList());
    }

    @Test
    void aTableNameLongerThanTheDatabaseAllowsIsAConfigurationError(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("DIVEMAP_URL", database("mariadb", dir));
        Run tooLong = cli(env, dir, "upgrade", "--version-table", "v".repeat(300), "--classpath", CLASSES, "--json");
        assertEquals(2, tooLong.exit(), tooLong.out());
        assertEquals("CONFIGURATION", tooLong.json().getAsJsonObject("error").get("kind").getAsString());
        assertTrue(tooLong.json().getAsJsonObject("error").get("message").getAsString().startsWith(
                "The version table name (versionTable) has 300 characters, but MariaDB allows at most 64"), tooLong.out());
        Run offline = cli(Map.of(), dir, "upgrade", "--sql", "--database", "postgresql", "--history-table",
                "h".repeat(64), "--classpath", CLASSES);
        assertEquals(2, offline.exit(), offline.err());
        assertTrue(offline.err().contains("(historyTable) has 64 bytes, but PostgreSQL allows at most 63"), offline.err());
    }

    @Test
    void exitCodesForUsageAndConnectionErrors(@TempDir Path dir) throws Exception {
        Run noUrl = cli(Map.of(), dir, "upgrade", "--classpath", CLASSES, "--json");
        assertEquals(2, noUrl.exit());
        assertEquals("CONFIGURATION", noUrl.json().getAsJsonObject("error").get("kind").getAsString());
        Run malformed = cli(Map.of("DIVEMAP_URL", "jdbc:h2:mem:x"), dir, "upgrade", "heads+1", "--classpath", CLASSES);
        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains("Accepted forms"), malformed.err());
        Run unreachable = cli(Map.of("DIVEMAP_URL", "jdbc:mysql://127.0.0.1:1/x?connectTimeout=1000",
                "DIVEMAP_USER", "root", "DIVEMAP_PASSWORD", "HiddenPw123"), dir, "current", "--classpath", CLASSES, "--json");
        assertEquals(2, unreachable.exit(), unreachable.out());
        assertEquals("CONNECTION", unreachable.json().getAsJsonObject("error").get("kind").getAsString());
        assertFalse(unreachable.out().contains("HiddenPw123") || unreachable.err().contains("HiddenPw123"));
        Run noDriver = cli(Map.of("DIVEMAP_URL", "jdbc:oracle:thin:@//127.0.0.1:1521/x"), dir, "current",
                "--classpath", CLASSES);
        assertEquals(2, noDriver.exit(), noDriver.err());
        assertTrue(noDriver.err().contains("Cannot connect"), noDriver.err());
        Run mariadbDriver = cli(Map.of("DIVEMAP_URL", "jdbc:mariadb://127.0.0.1:3306/x"), dir, "current",
                "--classpath", CLASSES);
        assertEquals(2, mariadbDriver.exit(), "the MariaDB driver is not bundled: a connection error, " + mariadbDriver.err());
        Run negativeWait = cli(Map.of("DIVEMAP_URL", "jdbc:h2:mem:x"), dir, "upgrade", "--lock-wait", "-1",
                "--classpath", CLASSES);
        assertEquals(2, negativeWait.exit(), negativeWait.err());
        assertTrue(negativeWait.err().contains("--lock-wait: lockWait is -1 s; give 0 (do not wait) or more."),
                negativeWait.err());
        Run noRecord = cli(Map.of("DIVEMAP_URL", "jdbc:h2:mem:x"), dir, "upgrade", "--record-every", "0",
                "--classpath", CLASSES);
        assertEquals(2, noRecord.exit(), noRecord.err());
        assertTrue(noRecord.err().contains("--record-every: recordEvery is 0; give 1"), noRecord.err());
        Run backupWithoutSafe = cli(Map.of("DIVEMAP_URL", "jdbc:h2:mem:x"), dir, "upgrade", "--backup",
                "--classpath", CLASSES);
        assertEquals(2, backupWithoutSafe.exit(), backupWithoutSafe.err());
        assertTrue(backupWithoutSafe.err().contains("take effect only with --safe"), backupWithoutSafe.err());
        Run badNumber = cli(Map.of(), dir, "upgrade", "--lock-wait", "abc", "--json");
        assertEquals(2, badNumber.exit(), badNumber.out());
        assertEquals("USAGE", badNumber.json().getAsJsonObject("error").get("kind").getAsString());
        assertTrue(badNumber.json().getAsJsonObject("error").get("message").getAsString()
                .endsWith("Run divemap upgrade --help for the options."), badNumber.out());
        Run noTarget = cli(Map.of("DIVEMAP_URL", "jdbc:h2:mem:x"), dir, "downgrade", "--classpath", CLASSES);
        assertEquals(2, noTarget.exit(), noTarget.err());
        assertTrue(noTarget.err().startsWith("divemap downgrade needs a target: -1 for the last revision, base for"
                + " all of them"), noTarget.err());
        Run noStampTarget = cli(Map.of("DIVEMAP_URL", "jdbc:h2:mem:x"), dir, "stamp", "--json");
        assertEquals(2, noStampTarget.exit(), noStampTarget.out());
        assertTrue(noStampTarget.json().getAsJsonObject("error").get("message").getAsString()
                .startsWith("divemap stamp needs a target: head,"), noStampTarget.out());
        Run unknownCommand = cli(Map.of(), dir, "frobnicate");
        assertEquals(2, unknownCommand.exit());
        Run help = cli(Map.of(), dir, "upgrade", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--sql"), help.out());
    }

    @Test
    void aClassPathWithoutARegistryIsToldToNameTheApplicationWithClasspath(@TempDir Path dir) throws Exception {
        Run none = cli(Map.of(), dir, "heads");
        assertEquals(2, none.exit(), none.err());
        assertEquals("divemap heads failed: No revision registry found in --classpath (not given): Name the"
                + " application's jar or its compiled classes with --classpath (for example --classpath app.jar, or"
                + " --classpath target/classes), built with migration-processor in maven-compiler-plugin's"
                + " annotationProcessorPaths, which generates the registry.", none.err().strip());
        Files.createDirectories(dir.resolve("classes"));
        Run empty = cli(Map.of("DIVEMAP_URL", "jdbc:h2:mem:x"), dir, "upgrade", "--classpath", "classes", "--json");
        assertEquals(2, empty.exit(), empty.out());
        assertEquals("CONFIGURATION", empty.json().getAsJsonObject("error").get("kind").getAsString());
        String message = empty.json().getAsJsonObject("error").get("message").getAsString();
        assertTrue(message.startsWith("No revision registry found in --classpath (classes): it holds no"
                + " META-INF/services/org.divemap.migrations.RevisionRegistry. Name the application's jar"), message);
        assertFalse(message.contains("class loader"), message);
    }

    @Test
    void branchesWithoutBranchPointsSaysSo(@TempDir Path dir) throws Exception {
        Run text = cli(Map.of(), dir, "branches", "--classpath", CLASSES);
        assertEquals(0, text.exit(), text.err());
        assertEquals("No branch points: none of the 2 revisions is revised by two or more revisions, so the history"
                + " is one line.", text.out().strip());
        Run json = cli(Map.of(), dir, "branches", "--classpath", CLASSES, "--json");
        assertEquals(0, json.exit(), json.out());
        assertTrue(json.json().get("ok").getAsBoolean(), json.out());
        assertEquals(0, json.json().getAsJsonArray("revisions").size(), json.out());
    }

    @Test
    void helpShowsOptionalArgumentsAsOptionalAndKeepsFileNamesWhole(@TempDir Path dir) throws Exception {
        Run upgrade = cli(Map.of(), dir, "upgrade", "--help");
        assertEquals(0, upgrade.exit(), upgrade.err());
        assertTrue(upgrade.out().contains("[TARGET]"), upgrade.out());
        assertTrue(upgrade.out().contains("./divemap.properties"), upgrade.out());
        for (String command : List.of("history", "show")) {
            Run help = cli(Map.of(), dir, command, "--help");
            assertTrue(help.out().contains(command.equals("history") ? "[RANGE]" : "[REVISION]"), help.out());
        }
        Run downgrade = cli(Map.of(), dir, "downgrade", "--help");
        assertFalse(downgrade.out().contains("[TARGET]"), "downgrade has no default target: " + downgrade.out());
    }

    @Test
    void revisionWritesTheNextMigrationAndAutogenerateRefusesWithoutEntities(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("src");
        Run blank = cli(Map.of(), dir, "revision", "-m", "add colour", "--classpath", CLASSES, "--source-dir",
                sources.toString());
        assertEquals(0, blank.exit(), blank.err());
        Path written = sources.resolve("org/divemap/migrations/cli/fixtures/AddColour.java");
        assertTrue(Files.exists(written), blank.out());
        String source = Files.readString(written);
        assertTrue(source.contains("id = \"0003_add_colour\"") && source.contains("revises = \"0002_name\""), source);

        Map<String, String> env = Map.of("DIVEMAP_URL", database("h2", dir));
        assertEquals(0, cli(env, dir, "upgrade", "--classpath", CLASSES).exit());
        Path other = dir.resolve("other");
        Run none = cli(env, dir, "revision", "--autogenerate", "-m", "from entities", "--classpath", CLASSES,
                "--source-dir", other.toString(), "--json");
        assertEquals(2, none.exit(), none.out());
        assertEquals("AUTOGENERATE", none.json().getAsJsonObject("error").get("kind").getAsString());
        assertTrue(none.json().getAsJsonObject("error").get("message").getAsString()
                .startsWith("No @Entity classes found"), none.out());
        assertFalse(Files.exists(other), "no file is written");

        Run check = cli(env, dir, "check", "--classpath", CLASSES, "--json");
        assertEquals(0, check.exit(), check.out() + check.err());
        assertEquals(0, check.json().getAsJsonArray("modelDifferences").size(), check.out());
    }
}
