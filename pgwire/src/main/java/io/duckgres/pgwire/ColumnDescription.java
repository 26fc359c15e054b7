package io.duckgres.pgwire;

/**
 * One field of a RowDescription. {@code format} is 0 for text, 1 for binary; table OID and
 * attribute number are 0 when the column is not a plain table column.
 */
public record ColumnDescription(
    String name,
    int tableOid,
    short attributeNumber,
    int typeOid,
    short typeLength,
    int typeModifier,
    short format) {}
