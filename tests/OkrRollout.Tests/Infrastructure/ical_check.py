# Reads a calendar object on standard input with Debian's python3-icalendar (a parser that is not
# ours) and prints what the tests check as JSON: the method, the time zones and each event.
import json
import sys
from datetime import timezone

import icalendar


def utc(value):
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def attendees(event):
    value = event.get("ATTENDEE")
    return [] if value is None else value if isinstance(value, list) else [value]


calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
events = [{
    "properties": sorted(event.keys()),
    "uid": str(event["UID"]),
    "sequence": int(event.get("SEQUENCE", 0)),
    "summary": str(event["SUMMARY"]),
    "organizer": str(event["ORGANIZER"]),
    "attendees": [str(a) for a in attendees(event)],
    "rsvp": [str(a.params.get("RSVP")) for a in attendees(event)],
    "start_utc": utc(event.decoded("DTSTART")),
    "end_utc": utc(event.decoded("DTEND")),
    "tzid": event["DTSTART"].params.get("TZID"),
    "status": str(event.get("STATUS", "")),
} for event in calendar.walk("VEVENT")]
print(json.dumps({"method": str(calendar.get("METHOD", "")), "timezones": [str(t["TZID"]) for t in calendar.walk("VTIMEZONE")], "events": events}))
