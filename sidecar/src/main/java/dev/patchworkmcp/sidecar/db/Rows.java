package dev.patchworkmcp.sidecar.db;

import io.helidon.dbclient.DbRow;

/** Reads columns the same way on SQLite and PostgreSQL, whose drivers return different Java types. */
public final class Rows {
    private Rows() {}

    /** The column as text; "" for SQL NULL. */
    public static String text(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        return value == null ? "" : value.toString();
    }

    /** The column as text, or null for SQL NULL. */
    public static String nullableText(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        return value == null ? null : value.toString();
    }

    /** The column as a number; 0 for SQL NULL. */
    public static long number(DbRow row, String column) {
        Object value = row.column(column).asOptional().orElse(null);
        if (value == null) {
            return 0;
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }
}
