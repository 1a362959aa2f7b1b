package dev.patchworkmcp.sidecar.http;

import java.util.List;

/**
 * A request the API refuses, with everything the one JSON error shape needs: status, machine code, the
 * offending field (or null) and, for enums, the allowed values. Thrown anywhere below the HTTP edge and turned
 * into a response by {@link ErrorResponses} only.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final List<String> allowed;

    public ApiException(int status, String code, String field, String detail, List<String> allowed) {
        super(detail);
        this.status = status;
        this.code = code;
        this.field = field;
        this.allowed = List.copyOf(allowed);
    }

    /** 422: a field (body or query) has an invalid value. */
    public static ApiException invalid(String field, String detail) {
        return new ApiException(422, "invalid_field", field, detail, List.of());
    }

    /** 422: an enum field has a value outside {@code allowed}. */
    public static ApiException notAllowed(String field, String value, List<String> allowed) {
        return new ApiException(
                422,
                "invalid_enum",
                field,
                "'" + Texts.quote(value) + "' is not a valid " + field + "; use one of: " + String.join(", ", allowed)
                        + ".",
                allowed);
    }

    /** 400: the request cannot be read at all. */
    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, null, detail, List.of());
    }

    /** 404: nothing with that id. */
    public static ApiException notFound(String what, String id) {
        return new ApiException(
                404,
                "not_found",
                null,
                what + " '" + Texts.quote(id) + "' was not found; it may have been deleted.",
                List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public List<String> allowed() {
        return allowed;
    }
}
