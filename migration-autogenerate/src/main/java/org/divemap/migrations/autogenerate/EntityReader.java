package org.divemap.migrations.autogenerate;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.divemap.migrations.Operations;
import org.divemap.migrations.ReferentialAction;
import org.divemap.migrations.Type;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitJoinTableNameSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.UniqueKey;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Reads the schema the entities map to through Hibernate's boot metamodel, with Hibernate's own
 * dialect for the database, so each column gets the type Hibernate would create
 * ({@code Column.getSqlType(metadata)}), then parses it into Divemap's {@link Type}s. No
 * connection is opened: the database's version is passed in, as Hibernate takes it when it may
 * not read JDBC metadata on boot.
 */
final class EntityReader {

    /** Hibernate's generated names: {@code FK} or {@code UK} or {@code IDX} and a hash. */
    private static final Pattern GENERATED = Pattern.compile("(?i)(FK|UK|IDX)[a-z0-9]{16,}");

    /** Kept here so that the level set on it holds (JUL keeps loggers weakly). */
    private static final java.util.logging.Logger HIBERNATE_LOG = java.util.logging.Logger.getLogger("org.hibernate");

    private final EntityModel model;

    EntityReader(EntityModel model) {
        this.model = model;
    }

    /** The entity classes the model names or finds, sorted; empty when the project has none. */
    List<String> entityClasses() {
        Set<String> names = new java.util.TreeSet<>(model.classes());
        List<Path> roots = new ArrayList<>(model.classRoots());
        if (roots.isEmpty() && !model.packages().isEmpty()) {
            roots.addAll(EntityScanner.rootsOf(model.classLoader(), model.packages()));
        }
        if (!roots.isEmpty()) {
            names.addAll(EntityScanner.entities(roots, model.packages()));
        }
        if (model.persistenceXml() != null) {
            names.addAll(persistenceXmlClasses());
        }
        return List.copyOf(names);
    }

    private List<String> persistenceXmlClasses() {
        try (InputStream in = model.classLoader().getResourceAsStream(model.persistenceXml())) {
            if (in == null) {
                throw new AutogenerateException("No " + model.persistenceXml() + " on the class path. Give the"
                        + " resource name of the persistence.xml that lists the entities, or leave it out to index"
                        + " the compiled classes.");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(in);
            NodeList classes = document.getElementsByTagNameNS("*", "class");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < classes.getLength(); i++) {
                names.add(classes.item(i).getTextContent().strip());
            }
            return names;
        } catch (AutogenerateException e) {
            throw e;
        } catch (Exception e) {
            throw new AutogenerateException("Could not read " + model.persistenceXml() + ": " + e.getMessage()
                    + ". Fix the file, or leave persistenceXml out to index the compiled classes.", e);
        }
    }

    /**
     * The schema the entities map to on {@code database}.
     *
     * @param version the database's major and minor version, for Hibernate's dialect
     * @throws AutogenerateException if an entity class does not load or Hibernate rejects the mapping
     */
    SchemaModel read(List<String> entityClasses, Operations.Database database, int[] version) {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : entityClasses) {
            try {
                classes.add(Class.forName(name, false, model.classLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new AutogenerateException("The entity class " + name + " could not be loaded (" + e
                        + "). Compile the project first (mvn compile), and put its dependencies on the class path"
                        + " (the plugin uses the project's compile class path; the CLI takes --classpath).", e);
            }
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(model.classLoader());
        java.util.logging.Level level = HIBERNATE_LOG.getLevel();
        HIBERNATE_LOG.setLevel(java.util.logging.Level.SEVERE); // its start-up banner is not ours to print
        StandardServiceRegistry registry = null;
        try {
            registry = new StandardServiceRegistryBuilder(new BootstrapServiceRegistryBuilder()
                    .applyClassLoader(model.classLoader()).build())
                    .applySetting(AvailableSettings.DIALECT, hibernateDialect(database))
                    .applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, "false")
                    .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, String.valueOf(version[0]))
                    .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION, String.valueOf(version[1]))
                    .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, productName(database))
                    .applySetting("hibernate.temp.use_jdbc_metadata_defaults", "false")
                    .build();
            MetadataSources sources = new MetadataSources(registry);
            classes.forEach(sources::addAnnotatedClass);
            MetadataBuilder builder = sources.getMetadataBuilder();
            applyNaming(builder);
            Metadata metadata = builder.build();
            return schema(metadata, new SqlTypes(database));
        } catch (AutogenerateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AutogenerateException("Hibernate could not read the entities: " + e.getMessage()
                    + ". Fix the mapping (the application would fail the same way at start-up).", e);
        } finally {
            if (registry != null) {
                StandardServiceRegistryBuilder.destroy(registry);
            }
            Thread.currentThread().setContextClassLoader(previous);
            HIBERNATE_LOG.setLevel(level);
        }
    }

    private static String hibernateDialect(Operations.Database database) {
        return switch (database) {
            case MYSQL -> "org.hibernate.dialect.MySQLDialect";
            case MARIADB -> "org.hibernate.dialect.MariaDBDialect";
            case POSTGRESQL -> "org.hibernate.dialect.PostgreSQLDialect";
            case H2 -> "org.hibernate.dialect.H2Dialect";
        };
    }

    private static String productName(Operations.Database database) {
        return switch (database) {
            case MYSQL -> "MySQL";
            case MARIADB -> "MariaDB";
            case POSTGRESQL -> "PostgreSQL";
            case H2 -> "H2";
        };
    }

    private void applyNaming(MetadataBuilder builder) {
        switch (model.naming()) {
            case EntityModel.SPRING_NAMING -> {
                builder.applyPhysicalNamingStrategy(new CamelCaseToUnderscoresNamingStrategy());
                builder.applyImplicitNamingStrategy(new SpringJoinTables());
            }
            case EntityModel.JPA_NAMING -> builder.applyPhysicalNamingStrategy(new PhysicalNamingStrategyStandardImpl());
            default -> {
                try {
                    Object strategy = Class.forName(model.naming(), true, model.classLoader())
                            .getDeclaredConstructor().newInstance();
                    builder.applyPhysicalNamingStrategy((PhysicalNamingStrategy) strategy);
                } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                    throw new AutogenerateException("The naming strategy " + model.naming() + " could not be used ("
                            + e + "). Give \"spring\", \"jpa\", or the name of a class that implements"
                            + " org.hibernate.boot.model.naming.PhysicalNamingStrategy and has a public no-argument"
                            + " constructor.", e);
                }
            }
        }
    }

    /** Spring Boot's implicit naming: a join table is named after the owning table and the attribute. */
    static final class SpringJoinTables extends ImplicitNamingStrategyJpaCompliantImpl {
        private static final long serialVersionUID = 1L;

        @Override
        public Identifier determineJoinTableName(ImplicitJoinTableNameSource source) {
            return toIdentifier(source.getOwningPhysicalTableName() + "_"
                    + source.getAssociationOwningAttributePath().getProperty(), source.getBuildingContext());
        }
    }

    // ---------------------------------------------------------------- metamodel to SchemaModel

    private SchemaModel schema(Metadata metadata, SqlTypes types) {
        Map<String, SchemaModel.TableDef> tables = new LinkedHashMap<>();
        for (Table table : metadata.collectTableMappings()) {
            if (!table.isPhysicalTable() || table.isView() || table.isSubselect() || table.isAbstractUnionTable()
                    || !model.include().test(table.getName())) {
                continue;
            }
            tables.put(table.getName(), table(metadata, table, types));
        }
        return new SchemaModel(tables);
    }

    private SchemaModel.TableDef table(Metadata metadata, Table table, SqlTypes types) {
        List<String> primaryKey = table.getPrimaryKey() == null ? List.of()
                : table.getPrimaryKey().getColumns().stream().map(Column::getName).toList();
        List<SchemaModel.ColumnDef> columns = new ArrayList<>();
        for (Column column : table.getColumns()) {
            Type type = types.parse(column.getSqlType(metadata));
            boolean key = primaryKey.contains(column.getName());
            columns.add(new SchemaModel.ColumnDef(column.getName(), type, column.isNullable() && !key,
                    column.isIdentity() ? null : Defaults.parse(column.getDefaultValue(), type), column.isIdentity(),
                    column.getComment()));
        }
        Set<List<String>> uniqueColumns = new LinkedHashSet<>();
        List<SchemaModel.UniqueDef> uniques = new ArrayList<>();
        for (UniqueKey unique : table.getUniqueKeys().values()) {
            List<String> names = unique.getColumns().stream().map(Column::getName).toList();
            if (names.equals(primaryKey) || table.isRedundantUniqueKey(unique) || !uniqueColumns.add(names)) {
                continue;
            }
            uniques.add(new SchemaModel.UniqueDef(unique.isNameExplicit() ? unique.getName() : null, names));
        }
        for (Column column : table.getColumns()) {
            List<String> names = List.of(column.getName());
            if (column.isUnique() && !names.equals(primaryKey) && uniqueColumns.add(names)) {
                uniques.add(new SchemaModel.UniqueDef(null, names));
            }
        }
        List<SchemaModel.IndexDef> indexes = new ArrayList<>();
        for (org.hibernate.mapping.Index index : table.getIndexes().values()) {
            indexes.add(new SchemaModel.IndexDef(explicit(index.getName()), index.getColumns().stream()
                    .map(Column::getName).toList(), index.isUnique()));
        }
        List<SchemaModel.ForeignKeyDef> foreignKeys = new ArrayList<>();
        Set<String> signatures = new java.util.HashSet<>();
        for (ForeignKey fk : table.getForeignKeyCollection()) {
            if (!fk.isCreationEnabled() || !fk.isPhysicalConstraint() || fk.getReferencedTable() == null) {
                continue;
            }
            Table referred = fk.getReferencedTable();
            List<Column> referredColumns = fk.isReferenceToPrimaryKey() ? referred.getPrimaryKey().getColumns()
                    : fk.getReferencedColumns();
            SchemaModel.ForeignKeyDef def = new SchemaModel.ForeignKeyDef(explicit(fk.getName()),
                    fk.getColumns().stream().map(Column::getName).toList(), referred.getName(),
                    referredColumns.stream().map(Column::getName).toList(), action(fk.getOnDeleteAction()), null);
            if (signatures.add(def.signature())) {
                foreignKeys.add(def);
            }
        }
        return new SchemaModel.TableDef(table.getName(), columns, primaryKey, indexes, uniques, foreignKeys,
                table.getComment());
    }

    /** The name when the mapping gave it, null when Hibernate generated it. */
    private static String explicit(String name) {
        return name == null || name.isBlank() || GENERATED.matcher(name).matches() ? null : name;
    }

    private static ReferentialAction action(OnDeleteAction action) {
        if (action == null) {
            return null;
        }
        return switch (action) {
            case CASCADE -> ReferentialAction.CASCADE;
            case SET_NULL -> ReferentialAction.SET_NULL;
            case SET_DEFAULT -> ReferentialAction.SET_DEFAULT;
            case RESTRICT -> ReferentialAction.RESTRICT;
            case NO_ACTION -> null;
        };
    }
}
