package dev.patchworkmcp.examples;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** The filters every tool of the example server accepts: a date range (UTC days, inclusive), service, customer. */
public record CostQuery(LocalDate startDate, LocalDate endDate, String service, String customer) {

    public static final CostQuery ALL = new CostQuery(null, null, null, null);

    /** Whether an event passes every filter that is set. */
    public boolean matches(CostEvent event) {
        LocalDate day = event.at().atZone(ZoneOffset.UTC).toLocalDate();
        return (startDate == null || !day.isBefore(startDate))
                && (endDate == null || !day.isAfter(endDate))
                && (service == null || service.equalsIgnoreCase(event.service()))
                && (customer == null || customer.equalsIgnoreCase(event.customer()));
    }

    /** The filters that are set, for echoing back in results. */
    public Map<String, String> asMap() {
        Map<String, String> filters = new LinkedHashMap<>();
        if (startDate != null) {
            filters.put("start_date", startDate.toString());
        }
        if (endDate != null) {
            filters.put("end_date", endDate.toString());
        }
        if (service != null) {
            filters.put("service", service);
        }
        if (customer != null) {
            filters.put("customer", customer);
        }
        return filters;
    }
}
