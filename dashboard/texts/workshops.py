"""Texts of the workshops page."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "workshops.none": (
        "This event has no workshops.",
        "Diese Veranstaltung hat keine Workshops.",
    ),
    "workshops.no_room": ("No room given", "Kein Raum angegeben"),
    "workshops.no_topic": ("No topic given", "Kein Thema angegeben"),
    # tiles
    "workshops.kpi.workshops": ("Workshops", "Workshops"),
    "workshops.kpi.workshops.sub": ("{n} have started", "{n} haben begonnen"),
    "workshops.kpi.booked": ("Seats booked", "Plätze gebucht"),
    "workshops.kpi.booked.sub": ("booked / seats", "gebucht / Plätze"),
    "workshops.kpi.waitlisted": ("On a waitlist", "Auf der Warteliste"),
    "workshops.kpi.full": ("Full or overbooked", "Voll oder überbucht"),
    "workshops.kpi.full.sub": ("of {n} workshops", "von {n} Workshops"),
    "workshops.kpi.overbooked": ("Overbooked", "Überbucht"),
    "workshops.kpi.attendance": ("Attendance", "Anwesenheit"),
    "workshops.kpi.attendance.sub": (
        "over {n} started workshops",
        "über {n} begonnene Workshops",
    ),
    "workshops.kpi.matching": ("Booked by the filtered", "Von Gefilterten gebucht"),
    "workshops.kpi.matching.sub": ("seats of matching participants", "Plätze passender Personen"),
    # the fill chart
    "workshops.section.fill": ("Which workshops are full", "Welche Workshops voll sind"),
    "workshops.note.fill": (
        "One bar per workshop, by start time: the booked seats, coloured by fill level, then "
        "the waitlist (hatched); the black mark is the number of seats. Comfortable: below "
        "{filling} of the seats; filling: from {filling}; full: every seat booked; "
        "overbooked: more bookings than seats. A workshop with 0 seats shows its bookings as "
        "\u201cno seats\u201d. Fill levels count every active participant's booking; with "
        "filters, the dark inner bar shows the bookings of the participants who match. Click "
        "a workshop to see who booked it.",
        "Ein Balken je Workshop, nach Beginn: die gebuchten Plätze, gefärbt nach Auslastung, "
        "dann die Warteliste (schraffiert); die schwarze Marke ist die Zahl der Plätze. "
        "Entspannt: unter {filling} der Plätze; füllt sich: ab {filling}; voll: alle Plätze "
        "gebucht; überbucht: mehr Buchungen als Plätze. Ein Workshop mit 0 Plätzen zeigt "
        "seine Buchungen als \u201eohne Plätze\u201c. Die Auslastung zählt die Buchungen aller "
        "aktiven Personen; mit Filtern zeigt der dunkle innere Balken die Buchungen der "
        "passenden Personen. Klick auf einen Workshop zeigt, wer ihn gebucht hat.",
    ),
    "workshops.group.label": ("Group by", "Gruppieren nach"),
    "workshops.group.none": ("Start time", "Beginn"),
    "workshops.group.day": ("Day", "Tag"),
    "workshops.group.room": ("Room", "Raum"),
    "workshops.group.topic": ("Topic", "Thema"),
    "workshops.chart.fill": ("Seats booked per workshop", "Gebuchte Plätze je Workshop"),
    "workshops.axis.seats": ("Seats", "Plätze"),
    "workshops.level.comfortable": ("comfortable (< {filling})", "entspannt (< {filling})"),
    "workshops.level.filling": ("filling (≥ {filling})", "füllt sich (≥ {filling})"),
    "workshops.level.full": ("full (100%)", "voll (100 %)"),
    "workshops.level.overbooked": ("overbooked (> 100%)", "überbucht (> 100 %)"),
    "workshops.level.no_seats": ("no seats (0)", "ohne Plätze (0)"),
    "workshops.legend.booked": ("booked", "gebucht"),
    "workshops.legend.waitlist": ("waitlist", "Warteliste"),
    "workshops.legend.capacity": ("seats", "Plätze"),
    "workshops.legend.matching": ("booked by the filtered", "von Gefilterten gebucht"),
    "workshops.bar.seats": ("{booked} / {capacity}", "{booked} / {capacity}"),
    "workshops.bar.no_seats": ("no seats · {booked} booked", "ohne Plätze · {booked} gebucht"),
    "workshops.bar.waitlist": ("+{n} waiting", "+{n} wartend"),
    "workshops.bar.over": ("{n} over", "{n} zu viel"),
    "workshops.bar.attended": ("{rate} attended", "{rate} anwesend"),
    # a workshop's bookers
    "workshops.section.detail": ("Who booked it", "Wer gebucht hat"),
    "workshops.detail.hint": (
        "Click a workshop's bar above to see who booked it.",
        "Klick auf den Balken eines Workshops oben zeigt, wer ihn gebucht hat.",
    ),
    "workshops.detail.title": (
        "{title} – {day}, {time}, {room}",
        "{title} – {day}, {time}, {room}",
    ),
    "workshops.detail.small": (
        "Counts of 1 or 2 show \u201c< 3\u201d, so that nobody can be singled out.",
        "Zahlen von 1 oder 2 zeigen \u201e< 3\u201c, damit niemand erkennbar wird.",
    ),
    "workshops.chart.by_country": ("Booked by country", "Gebucht nach Land"),
    "workshops.chart.by_sector": ("Booked by sector", "Gebucht nach Branche"),
    "workshops.chart.by_org_type": (
        "Booked by organisation type",
        "Gebucht nach Organisationstyp",
    ),
    "workshops.empty.bookers": (
        "Nobody matching the filters booked this workshop",
        "Niemand, der zu den Filtern passt, hat diesen Workshop gebucht",
    ),
    "workshops.people.title": ("Bookings", "Buchungen"),
    "workshops.people.none": ("No bookings.", "Keine Buchungen."),
    "workshops.column.name": ("Name", "Name"),
    "workshops.column.organisation": ("Organisation", "Organisation"),
    "workshops.column.country": ("Country", "Land"),
    "workshops.column.sector": ("Sector", "Branche"),
    "workshops.column.org_type": ("Type", "Typ"),
    "workshops.column.booking_status": ("Booking", "Buchung"),
    "workshops.column.attended": ("Attended", "Anwesend"),
    "workshops.booking.booked": ("booked", "gebucht"),
    "workshops.booking.waitlisted": ("waitlist", "Warteliste"),
    "workshops.attended.yes": ("yes", "ja"),
    "workshops.attended.no": ("no", "nein"),
    # data problems
    "workshops.section.problems": ("Data problems", "Datenprobleme"),
    "workshops.problems.none": ("No data problems found.", "Keine Datenprobleme gefunden."),
    "workshops.problem.participant_missing": (
        "Bookings of a participant who does not exist (left out): {n}",
        "Buchungen einer Person, die es nicht gibt (nicht mitgezählt): {n}",
    ),
    "workshops.problem.capacity_negative": (
        "Workshops with a negative number of seats (shown as no seats): {n}",
        "Workshops mit negativer Platzzahl (als ohne Plätze gezeigt): {n}",
    ),
    "workshops.problem.ends_before_start": (
        "Workshops that end before they start: {n}",
        "Workshops, die vor ihrem Beginn enden: {n}",
    ),
    "workshops.problem.booked_twice": (
        "Participants booked twice for the same workshop (each booking counted): {n}",
        "Personen doppelt für denselben Workshop gebucht (jede Buchung gezählt): {n}",
    ),
    "workshops.problem.status_unknown": (
        "Bookings with a status outside the vocabulary (not counted): {n}",
        "Buchungen mit unbekanntem Status (nicht gezählt): {n}",
    ),
    # the download
    "workshops.export.title": ("Workshop", "Workshop"),
    "workshops.export.starts": ("Starts (local time)", "Beginn (Ortszeit)"),
    "workshops.export.room": ("Room", "Raum"),
    "workshops.export.topic": ("Topic", "Thema"),
    "workshops.export.capacity": ("Seats", "Plätze"),
    "workshops.export.booked": ("Booked", "Gebucht"),
    "workshops.export.waitlisted": ("Waitlisted", "Warteliste"),
    "workshops.export.level": ("Fill level", "Auslastung"),
    "workshops.export.fill": ("Booked / seats", "Gebucht / Plätze"),
    "workshops.export.attended": ("Attended", "Anwesend"),
    "workshops.export.attendance": ("Attendance rate", "Anwesenheitsquote"),
}
