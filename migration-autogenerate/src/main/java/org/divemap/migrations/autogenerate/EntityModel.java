package org.divemap.migrations.autogenerate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Where the JPA entities come from and how they are read: the class loader that loads them, the
 * compiled classes to index for {@code @Entity} classes (or explicit packages, classes, a
 * {@code persistence.xml}), the naming strategy, which tables to compare, and whether server
 * defaults are compared. Immutable; every {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * EntityModel model = EntityModel.of(loader)
 *         .classRoots(List.of(Path.of("target/classes")))
 *         .packages("com.example.domain")
 *         .excludeTables("legacy_.*");
 * }</pre>
 */
public final class EntityModel {

    /** Spring Boot's naming: {@code camelCase} becomes {@code camel_case}, join tables {@code owner_table_attribute}. */
    public static final String SPRING_NAMING = "spring";
    /** JPA's naming: names as written in the entities, join tables {@code Owner_Other}. */
    public static final String JPA_NAMING = "jpa";

    private final ClassLoader classLoader;
    private final List<Path> classRoots;
    private final List<String> packages;
    private final List<String> classes;
    private final String persistenceXml;
    private final String naming;
    private final Predicate<String> include;
    private final boolean compareServerDefaults;

    private EntityModel(ClassLoader classLoader, List<Path> classRoots, List<String> packages, List<String> classes,
            String persistenceXml, String naming, Predicate<String> include, boolean compareServerDefaults) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.classRoots = List.copyOf(classRoots);
        this.packages = List.copyOf(packages);
        this.classes = List.copyOf(classes);
        this.persistenceXml = persistenceXml;
        this.naming = Objects.requireNonNull(naming, "naming");
        this.include = Objects.requireNonNull(include, "include");
        this.compareServerDefaults = compareServerDefaults;
    }

    /**
     * Entities loaded by {@code classLoader}; with nothing else given, none are found until
     * {@link #classRoots}, {@link #packages}, {@link #classes} or {@link #persistenceXml} say where.
     */
    public static EntityModel of(ClassLoader classLoader) {
        return new EntityModel(classLoader, List.of(), List.of(), List.of(), null, SPRING_NAMING, t -> true, false);
    }

    /** Index these class folders and jars for {@code @Entity} classes (the project's compiled classes). */
    public EntityModel classRoots(List<Path> roots) {
        return new EntityModel(classLoader, roots, packages, classes, persistenceXml, naming, include,
                compareServerDefaults);
    }

    /**
     * Only entities in these packages (and below); without {@link #classRoots}, the folders and
     * jars that hold the packages are indexed.
     */
    public EntityModel packages(String... packages) {
        return new EntityModel(classLoader, classRoots, List.of(packages), classes, persistenceXml, naming, include,
                compareServerDefaults);
    }

    /** These entity classes, by name, besides those found by indexing. */
    public EntityModel classes(String... classNames) {
        return new EntityModel(classLoader, classRoots, packages, List.of(classNames), persistenceXml, naming,
                include, compareServerDefaults);
    }

    /** The classes and mapping files a {@code persistence.xml} lists (a resource name, e.g. {@code META-INF/persistence.xml}). */
    public EntityModel persistenceXml(String resource) {
        return new EntityModel(classLoader, classRoots, packages, classes, resource, naming, include,
                compareServerDefaults);
    }

    /**
     * The naming strategy: {@link #SPRING_NAMING} (the default, as Spring Boot applies),
     * {@link #JPA_NAMING}, or the class name of a Hibernate {@code PhysicalNamingStrategy}.
     */
    public EntityModel naming(String naming) {
        return new EntityModel(classLoader, classRoots, packages, classes, persistenceXml, naming, include,
                compareServerDefaults);
    }

    /** Compare only the tables this accepts, by name (Alembic's {@code include_object}). */
    public EntityModel include(Predicate<String> tables) {
        return new EntityModel(classLoader, classRoots, packages, classes, persistenceXml, naming,
                include.and(tables), compareServerDefaults);
    }

    /** Leave out the tables whose name matches one of these regular expressions, ignoring case. */
    public EntityModel excludeTables(String... patterns) {
        Predicate<String> excluded = t -> false;
        for (String pattern : patterns) {
            Pattern p = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
            excluded = excluded.or(t -> p.matcher(t).matches());
        }
        return include(excluded.negate());
    }

    /** Whether server defaults ({@code @ColumnDefault}) are compared; off by default, as in Alembic. */
    public EntityModel compareServerDefaults(boolean compare) {
        return new EntityModel(classLoader, classRoots, packages, classes, persistenceXml, naming, include, compare);
    }

    public ClassLoader classLoader() {
        return classLoader;
    }

    List<Path> classRoots() {
        return classRoots;
    }

    List<String> packages() {
        return packages;
    }

    List<String> classes() {
        return classes;
    }

    String persistenceXml() {
        return persistenceXml;
    }

    String naming() {
        return naming;
    }

    Predicate<String> include() {
        return include;
    }

    boolean compareServerDefaults() {
        return compareServerDefaults;
    }
}
