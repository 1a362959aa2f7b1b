package dev.patchworkmcp.sidecar.insight;

import dev.patchworkmcp.sidecar.insight.embedding.ReportEmbedder;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled set of reports for clustering quality: twelve gaps on three servers, each written five ways
 * by "different agents" (reworded needs, suggestions and attempts). Gaps on the same tool are deliberately
 * close (a date filter and a currency option on the same cost tool) so merging them costs precision.
 */
final class LabelledReports {
    private LabelledReports() {}

    record Labelled(String server, String gap, String text) {}

    private record Gap(String server, String gap, List<String> needs, List<String> suggestions, List<String> tries) {}

    private static final List<Gap> GAPS = List.of(
            new Gap(
                    "costs",
                    "date-range",
                    List.of(
                            "I needed the costs for last month only, between two dates",
                            "Wanted to filter get_costs to a specific date range, e.g. March 1 to March 31",
                            "The user asked for spending in Q3; I needed a start date and end date filter",
                            "Needed cost data restricted to a time window instead of all time",
                            "Could not limit costs to the past 7 days"),
                    List.of(
                            "Add start_date and end_date parameters to get_costs",
                            "Support a date_range argument on get_costs",
                            "Let get_costs accept from/to dates",
                            "A since/until filter on the costs tool",
                            "Add optional date bounds to get_costs"),
                    List.of(
                            "Called get_costs and filtered the whole history myself",
                            "get_costs returned every month since the account opened",
                            "Tried get_costs with no arguments; it only returns everything",
                            "Fetched all costs and summed the rows by hand",
                            "get_costs has no date parameters")),
            new Gap(
                    "costs",
                    "currency",
                    List.of(
                            "I needed the costs converted to euros",
                            "The user wanted spending shown in GBP, not USD",
                            "Needed amounts in the customer's local currency",
                            "Wanted get_costs to report values in EUR instead of dollars",
                            "Could not get cost figures in Japanese yen"),
                    List.of(
                            "Add a currency parameter to get_costs",
                            "Support currency conversion with today's exchange rate",
                            "Let the caller choose the output currency",
                            "Return amounts in a requested ISO 4217 currency",
                            "Add a target_currency option"),
                    List.of(
                            "get_costs only returns USD",
                            "Converted the dollar amounts with a guessed rate",
                            "Looked for an exchange rate tool, none exists",
                            "All amounts came back in dollars",
                            "No way to change the currency of the result")),
            new Gap(
                    "costs",
                    "breakdown-by-service",
                    List.of(
                            "I needed costs broken down per service (compute, storage, network)",
                            "The user asked which service is the most expensive",
                            "Needed spending grouped by service name",
                            "Wanted a per-service split of the monthly bill",
                            "Could not see how much each cloud service costs separately"),
                    List.of(
                            "Add a group_by=service option to get_costs",
                            "Return a breakdown by service",
                            "Support grouping cost rows by service",
                            "Add a per-service aggregation",
                            "Let get_costs group totals by service"),
                    List.of(
                            "get_costs only gives one total per month",
                            "The result has a single total and no service field",
                            "Tried to infer services from invoice line names",
                            "Only an aggregate figure is returned",
                            "No service dimension in the output")),
            new Gap(
                    "costs",
                    "budget-alert",
                    List.of(
                            "I needed to set up an alert when spending goes over a budget",
                            "The user wants to be notified if monthly costs exceed 500 dollars",
                            "Needed a way to create a spending threshold notification",
                            "Wanted to configure a budget limit with an email warning",
                            "Could not create a budget alarm for the account"),
                    List.of(
                            "Add a create_budget_alert tool",
                            "Provide a tool to define budgets and alert thresholds",
                            "Support budget notifications",
                            "Add set_budget with a notify email",
                            "Expose budget alarms through the server"),
                    List.of(
                            "No tool can create alerts",
                            "Only read-only cost tools are available",
                            "Searched the tool list for budget, found nothing",
                            "The server has no write tools",
                            "Told the user to do it in the console")),
            new Gap(
                    "files",
                    "recursive-listing",
                    List.of(
                            "I needed to list every file in a folder and all its subfolders",
                            "Wanted a recursive directory listing of the project",
                            "Needed the whole tree under src, not only the top level",
                            "The user asked for all markdown files anywhere under docs",
                            "Could not walk nested directories in one call"),
                    List.of(
                            "Add recursive=true to list_directory",
                            "Provide a directory_tree tool",
                            "Support a depth parameter on list_directory",
                            "Let list_directory descend into subdirectories",
                            "Add a glob pattern like **/*.md"),
                    List.of(
                            "Called list_directory once per folder, dozens of calls",
                            "list_directory only shows one level",
                            "Walked the tree manually with repeated calls",
                            "Got only the immediate children",
                            "Made 40 list_directory calls")),
            new Gap(
                    "files",
                    "partial-read",
                    List.of(
                            "I needed only lines 100 to 200 of a large log file",
                            "Wanted to read the last 50 lines of a file",
                            "Needed part of a big file, the whole thing is too large for my context",
                            "The file is 80 MB; I only needed its head",
                            "Could not read a specific range of lines"),
                    List.of(
                            "Add offset and limit parameters to read_file",
                            "Support head/tail options on read_file",
                            "Let read_file take a line range",
                            "Add start_line and end_line to read_file",
                            "Allow reading a byte range"),
                    List.of(
                            "read_file returned the entire file and it was truncated",
                            "The whole log overflowed my context",
                            "read_file failed: too large",
                            "Got the full content and threw most of it away",
                            "read_file has no range parameters")),
            new Gap(
                    "files",
                    "content-search",
                    List.of(
                            "I needed to find which files contain the string TODO",
                            "Wanted to grep the repository for a function name",
                            "Needed full-text search across file contents",
                            "The user asked where the config key db.url is used",
                            "Could not search inside files for a regex"),
                    List.of(
                            "Add a search_files tool that matches content",
                            "Provide grep-like search with regex support",
                            "Add content search returning file and line number",
                            "Support searching text inside files",
                            "Expose ripgrep as a tool"),
                    List.of(
                            "Opened every file with read_file and scanned it",
                            "search_files only matches file names",
                            "Read 300 files one by one",
                            "There is a name search but no content search",
                            "Gave up after reading twenty files")),
            new Gap(
                    "files",
                    "delete",
                    List.of(
                            "I needed to delete a temporary file I created",
                            "Wanted to remove an obsolete directory",
                            "The user asked me to clean up the build output folder",
                            "Needed to delete files, there is no way to do it",
                            "Could not remove a file"),
                    List.of(
                            "Add a delete_file tool",
                            "Provide remove_file and remove_directory",
                            "Support deleting paths inside the allowed roots",
                            "Add delete with a confirmation flag",
                            "Expose rm as a tool with safeguards"),
                    List.of(
                            "Overwrote the file with empty content instead",
                            "There is write_file but no delete",
                            "Moved it to a trash folder as a workaround",
                            "No delete tool in the list",
                            "Asked the user to delete it manually")),
            new Gap(
                    "calendar",
                    "recurring-events",
                    List.of(
                            "I needed to create a weekly recurring meeting",
                            "The user wants a standup every weekday at 9",
                            "Needed an event that repeats every month on the first Monday",
                            "Wanted to schedule a repeating event instead of many single ones",
                            "Could not make an event recur"),
                    List.of(
                            "Add an RRULE / recurrence field to create_event",
                            "Support recurrence rules when creating events",
                            "Let create_event take a repeat pattern",
                            "Add a recurrence parameter (daily, weekly, monthly)",
                            "Accept an iCalendar RRULE"),
                    List.of(
                            "Created 52 separate events, one per week",
                            "create_event has no recurrence option",
                            "Made single events in a loop",
                            "Only one-off events can be created",
                            "Scheduled the first occurrence only")),
            new Gap(
                    "calendar",
                    "timezones",
                    List.of(
                            "I needed to create an event in the Tokyo time zone",
                            "The user is in New York but the event was stored in UTC",
                            "Needed to show event times in the attendee's local time zone",
                            "Wanted to specify a time zone for the meeting start",
                            "Times are wrong for users outside UTC"),
                    List.of(
                            "Add a timezone parameter (IANA name) to create_event",
                            "Accept ISO-8601 times with offsets",
                            "Let list_events convert to a requested time zone",
                            "Support tz names like Europe/Paris",
                            "Store the event's time zone"),
                    List.of(
                            "Converted the times to UTC by hand",
                            "create_event ignored the offset",
                            "Events showed up an hour off",
                            "Passed a local time, it was read as UTC",
                            "No timezone field in the schema")),
            new Gap(
                    "calendar",
                    "free-slots",
                    List.of(
                            "I needed to find a time when all three attendees are free",
                            "The user asked for the next open 30-minute slot with Bob and Alice",
                            "Needed availability across several people's calendars",
                            "Wanted to find a common free slot for a meeting",
                            "Could not check when the team is available"),
                    List.of(
                            "Add a find_free_slots tool taking attendees and duration",
                            "Provide a free/busy query",
                            "Return common availability for a list of people",
                            "Add suggest_meeting_times",
                            "Expose free-busy information"),
                    List.of(
                            "Listed each person's events and compared them myself",
                            "list_events per attendee, then intersected by hand",
                            "Guessed a time and it conflicted",
                            "No availability tool exists",
                            "Read three calendars and computed gaps")),
            new Gap(
                    "calendar",
                    "cancel-event",
                    List.of(
                            "I needed to cancel a meeting",
                            "The user asked me to delete tomorrow's dentist appointment",
                            "Needed to remove an event from the calendar",
                            "Wanted to call off a scheduled event and notify attendees",
                            "Could not cancel an event"),
                    List.of(
                            "Add a cancel_event tool",
                            "Provide delete_event by id",
                            "Support cancelling with a message to attendees",
                            "Add remove_event",
                            "Let update_event set status cancelled"),
                    List.of(
                            "There is create_event but no delete",
                            "Renamed the event to CANCELLED as a workaround",
                            "No tool can remove events",
                            "Told the user to cancel it in the app",
                            "update_event cannot change status")));

    /** Five reports per gap: the i-th need with a rotated suggestion and attempt. */
    static List<Labelled> all() {
        List<Labelled> reports = new ArrayList<>();
        for (Gap gap : GAPS) {
            for (int i = 0; i < gap.needs().size(); i++) {
                String suggestion =
                        gap.suggestions().get((i * 2) % gap.suggestions().size());
                reports.add(new Labelled(
                        gap.server(),
                        gap.gap(),
                        ReportEmbedder.textOf(gap.needs().get(i), suggestion)));
            }
        }
        return List.copyOf(reports);
    }
}
