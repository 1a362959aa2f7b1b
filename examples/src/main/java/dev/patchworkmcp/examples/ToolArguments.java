package dev.patchworkmcp.examples;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads and checks the arguments of one tool call; every problem names the argument and what is allowed. */
record ToolArguments(String tool, Map<String, Object> values) {

    ToolArguments {
        values = values == null ? Map.of() : values;
    }

    /** Fails on any argument the tool does not know, listing those it does. */
    void allowOnly(Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidArgumentException(tool + " has no argument '" + name + "'; it accepts: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    String text(String name) {
        Object value = values.get(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new InvalidArgumentException(name + " must be a string, got " + value);
        }
        return text.trim();
    }

    String oneOf(String name, Set<String> allowed, String fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw new InvalidArgumentException(
                    name + " must be one of " + new TreeSet<>(allowed) + ", got '" + value + "'");
        }
        return value;
    }

    LocalDate date(String name) {
        String value = text(name);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException(name + " must be a date like 2026-11-06, got '" + value + "'");
        }
    }

    int integer(String name, int min, int max, int fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        int number;
        try {
            number = value instanceof Number n
                    ? n.intValue()
                    : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name + " must be a whole number, got '" + value + "'");
        }
        if (number < min || number > max) {
            throw new InvalidArgumentException(name + " must be between " + min + " and " + max + ", got " + number);
        }
        return number;
    }

    CostQuery query() {
        CostQuery query = new CostQuery(date("start_date"), date("end_date"), text("service"), text("customer"));
        if (query.startDate() != null
                && query.endDate() != null
                && query.endDate().isBefore(query.startDate())) {
            throw new InvalidArgumentException(
                    "end_date " + query.endDate() + " is before start_date " + query.startDate());
        }
        return query;
    }
}
