package io.duckgres.engine.result;

/**
 * One result column: its name, the PostgreSQL type it is presented as, and the writer that turns
 * DuckDB's value into that type's wire form.
 */
public record ResultColumn(
    String name, int typeOid, short typeLength, int typeModifier, CellWriter writer) {}
