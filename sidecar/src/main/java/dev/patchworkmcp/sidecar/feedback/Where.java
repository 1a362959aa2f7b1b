package dev.patchworkmcp.sidecar.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A SQL {@code WHERE} clause with its positional parameters; values are never spliced into the SQL. Immutable. */
record Where(String sql, List<Object> params) {

    Where {
        params = List.copyOf(params);
    }

    static final class Builder {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();
        private final String prefix;

        Builder(String prefix) {
            this.prefix = prefix;
        }

        Builder equal(String column, String value) {
            if (!value.isEmpty()) {
                add(prefix + column + " = ?", value);
            }
            return this;
        }

        /** Adds a condition on one column, written with {@code %s} where the (qualified) column goes. */
        Builder column(String column, String condition, Object value) {
            return add(String.format(condition, prefix + column), value);
        }

        Builder add(String condition, Object... values) {
            conditions.add(condition);
            params.addAll(List.of(values));
            return this;
        }

        /** The column as the SQL must name it (with the table prefix, for joins). */
        String qualified(String column) {
            return prefix + column;
        }

        /**
         * Substring match over any of {@code columns}; LIKE wildcards in the text are literal. {@code lowerColumns}
         * (for databases whose LIKE is case-sensitive) wraps each column in {@code LOWER()} and lower-cases the
         * text. Without it the database's LIKE decides: SQLite's ignores the case of ASCII letters only, so the
         * text is left as it is and a non-ASCII letter matches exactly itself (lower-casing it here would make
         * {@code É} find only {@code é}, never the {@code É} it was typed as).
         */
        Builder contains(List<String> columns, String text, boolean lowerColumns) {
            String pattern = "%"
                    + (lowerColumns ? text.toLowerCase(Locale.ROOT) : text)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_")
                    + "%";
            conditions.add(columns.stream()
                    .map(column ->
                            (lowerColumns ? "LOWER(" + prefix + column + ")" : prefix + column) + " LIKE ? ESCAPE '\\'")
                    .collect(Collectors.joining(" OR ", "(", ")")));
            columns.forEach(column -> params.add(pattern));
            return this;
        }

        Where build() {
            return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
        }
    }
}
