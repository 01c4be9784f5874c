package org.divemap.migrations;

/**
 * Something that can appear in a table definition: a {@link Column} or a table-level
 * {@link Constraint}. It lets {@link Operations#createTable(String, TableElement...)} take columns
 * and constraints in one list, in the order they read best, as Alembic's {@code op.create_table}.
 */
public sealed interface TableElement permits Column, Constraint {}
