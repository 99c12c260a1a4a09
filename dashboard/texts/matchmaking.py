"""Texts of the matchmaking page."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "matchmaking.none": (
        "This event has no matchmaking: nobody opted in and no meeting was requested.",
        "Diese Veranstaltung hat kein Matchmaking: Niemand hat sich angemeldet, "
        "und es wurde kein Gespräch angefragt.",
    ),
    "matchmaking.unavailable": (
        "The matchmaking figures cannot be read right now. Retrying by itself.",
        "Die Matchmaking-Zahlen können gerade nicht gelesen werden. Neuer Versuch läuft.",
    ),
    "matchmaking.hours": ("{h} h", "{h} Std."),
    # KPI tiles
    "matchmaking.kpi.requests.sub": ("cancelled ones left out", "ohne zurückgezogene"),
    "matchmaking.kpi.accepted": ("Accepted", "Angenommen"),
    "matchmaking.kpi.declined": ("Declined", "Abgelehnt"),
    "matchmaking.kpi.pending": ("Pending", "Offen"),
    "matchmaking.kpi.response_rate": ("Response rate", "Antwortquote"),
    "matchmaking.kpi.response_rate.sub": ("answered of requested", "beantwortet von angefragt"),
    "matchmaking.kpi.response_time": ("Median response time", "Antwortzeit (Median)"),
    "matchmaking.kpi.response_time.sub": ("request to answer", "von Anfrage bis Antwort"),
    "matchmaking.kpi.held": ("Meetings held", "Gespräche geführt"),
    "matchmaking.kpi.held.sub": ("of {n} accepted", "von {n} angenommenen"),
    "matchmaking.kpi.no_shows": ("No-shows", "Nicht erschienen"),
    "matchmaking.kpi.cross_border": ("Cross-border", "Grenzüberschreitend"),
    "matchmaking.kpi.cross_border.sub": ("of accepted meetings", "der angenommenen Gespräche"),
    "matchmaking.kpi.cross_sector": ("Cross-sector", "Branchenübergreifend"),
    "matchmaking.kpi.cross_sector.sub": ("of accepted meetings", "der angenommenen Gespräche"),
    "matchmaking.kpi.per_participant": ("Meetings per participant", "Gespräche pro Person"),
    "matchmaking.kpi.per_participant.sub": (
        "median over {n} opted in",
        "Median über {n} Angemeldete",
    ),
    "matchmaking.kpi.no_meeting": ("No meeting yet", "Noch kein Gespräch"),
    "matchmaking.kpi.two_plus": ("Two meetings or more", "Zwei Gespräche oder mehr"),
    "matchmaking.kpi.share": ("{share} of opted-in participants", "{share} der Angemeldeten"),
    # sections and notes
    "matchmaking.section.requests": ("Requests and answers", "Anfragen und Antworten"),
    "matchmaking.section.acceptance": (
        "Who gets their requests declined",
        "Wessen Anfragen abgelehnt werden",
    ),
    "matchmaking.section.flows": ("Who meets whom", "Wer trifft wen"),
    "matchmaking.section.time": ("Over time", "Im Zeitverlauf"),
    "matchmaking.section.rounds": ("Meeting rounds now", "Gesprächsrunden jetzt"),
    "matchmaking.section.unmatched": (
        "Opted in, but no accepted meeting",
        "Angemeldet, aber kein angenommenes Gespräch",
    ),
    "matchmaking.section.problems": ("Data problems", "Datenprobleme"),
    "matchmaking.note.acceptance": (
        "Acceptance rate by the recipient (the side that decides), most answered requests on "
        "top; each bar says its rate and how many answered requests it rests on. Pale, "
        "hatched bars rest on fewer than {n} answered requests: read them with care. "
        "Click a bar to filter the page.",
        "Annahmequote nach empfangender Seite (sie entscheidet), die meisten beantworteten "
        "Anfragen oben; jeder Balken nennt seine Quote und wie viele beantwortete Anfragen "
        "dahinterstehen. Blasse, schraffierte Balken beruhen auf weniger als {n} "
        "beantworteten Anfragen: mit Vorsicht lesen. Klick auf einen Balken filtert die Seite.",
    ),
    "matchmaking.note.flows": (
        "Accepted meetings, requester (rows) to recipient (columns). With a filter, a meeting "
        "counts when either side matches. Click a cell to show only the requests of that "
        "pair; click it again to show all.",
        "Angenommene Gespräche, anfragende Seite (Zeilen) an empfangende (Spalten). Mit "
        "Filter zählt ein Gespräch, wenn eine der beiden Seiten passt. Klick auf eine Zelle "
        "zeigt nur die Anfragen dieses Paars; ein zweiter Klick zeigt wieder alle.",
    ),
    "matchmaking.note.flows_official": (
        "Cells of 1 or 2 meetings show \u201c< 3\u201d, so that nobody can be singled out.",
        "Zellen mit 1 oder 2 Gesprächen zeigen \u201e< 3\u201c, damit niemand erkennbar wird.",
    ),
    "matchmaking.note.rounds": (
        "Every table in every round of the day, whatever the filters; updates by itself.",
        "Jeder Tisch in jeder Runde des Tages, unabhängig von Filtern; aktualisiert sich selbst.",
    ),
    "matchmaking.pair.showing": (
        "Showing the requests from {requester} to {recipient}.",
        "Angezeigt: Anfragen von {requester} an {recipient}.",
    ),
    "matchmaking.pair.clear": ("Show all pairs", "Alle Paare zeigen"),
    "matchmaking.pair.not_people": (
        "The per-participant figures count all meetings of the filtered participants.",
        "Die Zahlen pro Person zählen alle Gespräche der gefilterten Personen.",
    ),
    # charts
    "matchmaking.chart.funnel": ("From request to meeting", "Von der Anfrage zum Gespräch"),
    "matchmaking.funnel.requested": ("Requested", "Angefragt"),
    "matchmaking.funnel.answered": ("Answered", "Beantwortet"),
    "matchmaking.funnel.accepted": ("Accepted", "Angenommen"),
    "matchmaking.funnel.held": ("Held", "Geführt"),
    "matchmaking.chart.acceptance_country": ("Acceptance by country", "Annahme nach Land"),
    "matchmaking.chart.acceptance_sector": ("Acceptance by sector", "Annahme nach Branche"),
    "matchmaking.chart.acceptance_org_type": (
        "Acceptance by organisation type",
        "Annahme nach Organisationstyp",
    ),
    "matchmaking.chart.acceptance.sub": (
        "of the recipient; rate of n answered requests",
        "der empfangenden Seite; Quote von n beantworteten Anfragen",
    ),
    "matchmaking.acceptance.label": ("{rate} of {n}", "{rate} von {n}"),
    "matchmaking.acceptance.hidden": (
        "{n} answered, rate hidden",
        "{n} beantwortet, Quote verborgen",
    ),
    "matchmaking.status.accepted": ("accepted", "angenommen"),
    "matchmaking.status.declined": ("declined", "abgelehnt"),
    "matchmaking.chart.flows_country": (
        "Accepted meetings by country: requester → recipient",
        "Angenommene Gespräche nach Land: anfragend → empfangend",
    ),
    "matchmaking.chart.flows_sector": (
        "Accepted meetings by sector: requester → recipient",
        "Angenommene Gespräche nach Branche: anfragend → empfangend",
    ),
    "matchmaking.flows.hover": (
        "%{customdata[0]} → %{customdata[1]}: %{text} accepted<br>Click to show this pair",
        "%{customdata[0]} → %{customdata[1]}: %{text} angenommen<br>Klick zeigt dieses Paar",
    ),
    "matchmaking.axis.requester_country": ("Requester's country", "Land der anfragenden Seite"),
    "matchmaking.axis.recipient_country": (
        "Recipient's country",
        "Land der empfangenden Seite",
    ),
    "matchmaking.axis.requester_sector": (
        "Requester's sector",
        "Branche der anfragenden Seite",
    ),
    "matchmaking.axis.recipient_sector": (
        "Recipient's sector",
        "Branche der empfangenden Seite",
    ),
    "matchmaking.chart.over_time": (
        "Requests and answers per day",
        "Anfragen und Antworten pro Tag",
    ),
    "matchmaking.series.requested": ("Requests sent", "Gesendete Anfragen"),
    "matchmaking.series.accepted": ("Accepted", "Angenommen"),
    "matchmaking.series.declined": ("Declined", "Abgelehnt"),
    "matchmaking.axis.per_day": ("Per day", "Pro Tag"),
    "matchmaking.chart.response_times": (
        "How long answers take (median {median} h)",
        "Wie lange Antworten dauern (Median {median} Std.)",
    ),
    "matchmaking.axis.answered": ("Answered requests", "Beantwortete Anfragen"),
    "matchmaking.bin.lt1h": ("< 1 h", "< 1 Std."),
    "matchmaking.bin.1to3h": ("1–3 h", "1–3 Std."),
    "matchmaking.bin.3to6h": ("3–6 h", "3–6 Std."),
    "matchmaking.bin.6to12h": ("6–12 h", "6–12 Std."),
    "matchmaking.bin.12to24h": ("12–24 h", "12–24 Std."),
    "matchmaking.bin.1to2d": ("1–2 days", "1–2 Tage"),
    "matchmaking.bin.2to7d": ("2–7 days", "2–7 Tage"),
    "matchmaking.bin.gt7d": ("> 7 days", "> 7 Tage"),
    "matchmaking.chart.per_participant": (
        "Opted-in participants by accepted meetings",
        "Angemeldete Personen nach angenommenen Gesprächen",
    ),
    "matchmaking.axis.meetings": ("Accepted meetings", "Angenommene Gespräche"),
    "matchmaking.empty.requests": ("No meeting requests yet", "Noch keine Gesprächsanfragen"),
    "matchmaking.empty.answered": ("No answered requests", "Keine beantworteten Anfragen"),
    "matchmaking.empty.accepted": ("No accepted meetings", "Keine angenommenen Gespräche"),
    "matchmaking.empty.opted_in": (
        "Nobody opted in to matchmaking",
        "Niemand hat sich zum Matchmaking angemeldet",
    ),
    # meeting rounds
    "matchmaking.chart.rounds": ("Meeting rounds on {day}", "Gesprächsrunden am {day}"),
    "matchmaking.round.free": ("free", "frei"),
    "matchmaking.round.scheduled": ("scheduled", "geplant"),
    "matchmaking.round.unrecorded": ("over, not recorded", "vorbei, nicht erfasst"),
    "matchmaking.round.held": ("held", "geführt"),
    "matchmaking.round.no_show": ("no-show", "nicht erschienen"),
    "matchmaking.round.double": ("table booked twice", "Tisch doppelt belegt"),
    "matchmaking.rounds.live": ("Round of {time}, running now:", "Runde {time}, läuft gerade:"),
    "matchmaking.rounds.past": ("Round of {time}:", "Runde {time}:"),
    "matchmaking.rounds.next": ("Next round, {time}:", "Nächste Runde, {time}:"),
    "matchmaking.rounds.today": ("Today, live", "Heute, live"),
    "matchmaking.rounds.last_day": (
        "The event is not running now: the last day with meetings.",
        "Die Veranstaltung läuft gerade nicht: der letzte Tag mit Gesprächen.",
    ),
    "matchmaking.rounds.first_day": (
        "The event has not begun: the first day with meetings.",
        "Die Veranstaltung hat noch nicht begonnen: der erste Tag mit Gesprächen.",
    ),
    "matchmaking.rounds.none": (
        "No accepted meeting has a time yet.",
        "Noch kein angenommenes Gespräch hat eine Uhrzeit.",
    ),
    "matchmaking.rounds.first_tables": (
        "The grid shows the first {shown} of {n} tables; the line above counts them all.",
        "Das Raster zeigt die ersten {shown} von {n} Tischen; die Zeile darüber zählt alle.",
    ),
    "matchmaking.rounds.without_table": (
        "Meetings of this day with a time but no table (not in the grid): {n}.",
        "Gespräche dieses Tages mit Uhrzeit, aber ohne Tisch (nicht im Raster): {n}.",
    ),
    # staff: participants without a meeting
    "matchmaking.unmatched.count": (
        "Opted-in participants without an accepted meeting yet: {n}. Organisers can help "
        "them find partners.",
        "Angemeldete Personen noch ohne angenommenes Gespräch: {n}. Das Team kann ihnen "
        "helfen, Partner zu finden.",
    ),
    "matchmaking.unmatched.more": (
        "The first {shown} are listed; narrow the filters to see the others.",
        "Die ersten {shown} sind gelistet; engere Filter zeigen die übrigen.",
    ),
    "matchmaking.unmatched.none": (
        "Every opted-in participant has at least one accepted meeting.",
        "Alle angemeldeten Personen haben mindestens ein angenommenes Gespräch.",
    ),
    "matchmaking.column.name": ("Name", "Name"),
    "matchmaking.column.organisation": ("Organisation", "Organisation"),
    "matchmaking.column.country": ("Country", "Land"),
    "matchmaking.column.sector": ("Sector", "Branche"),
    "matchmaking.column.org_type": ("Type", "Typ"),
    # data problems
    "matchmaking.problems.none": ("No data problems found.", "Keine Datenprobleme gefunden."),
    "matchmaking.problem.requester_missing": (
        "Requests from a participant who does not exist (left out): {n}",
        "Anfragen von einer Person, die es nicht gibt (nicht mitgezählt): {n}",
    ),
    "matchmaking.problem.recipient_missing": (
        "Requests to a participant who does not exist (left out): {n}",
        "Anfragen an eine Person, die es nicht gibt (nicht mitgezählt): {n}",
    ),
    "matchmaking.problem.self_requests": (
        "Requests a participant sent to themselves (counted as stored): {n}",
        "Anfragen einer Person an sich selbst (so gezählt, wie gespeichert): {n}",
    ),
    "matchmaking.problem.answered_without_time": (
        "Answered requests without an answer time (not in the response times): {n}",
        "Beantwortete Anfragen ohne Antwortzeit (nicht bei den Antwortzeiten): {n}",
    ),
    "matchmaking.problem.unreadable_time": (
        "Requests whose time cannot be read (not in the response times): {n}",
        "Anfragen mit unlesbarer Zeit (nicht bei den Antwortzeiten): {n}",
    ),
    "matchmaking.problem.answered_before_asked": (
        "Requests answered before they were sent (not in the response-time chart): {n}",
        "Anfragen, beantwortet vor dem Senden (nicht im Antwortzeit-Diagramm): {n}",
    ),
    "matchmaking.problem.accepted_without_slot": (
        "Accepted meetings without a time (not in the meeting rounds): {n}",
        "Angenommene Gespräche ohne Uhrzeit (nicht in den Gesprächsrunden): {n}",
    ),
    "matchmaking.problem.slot_without_table": (
        "Accepted meetings with a time but no table (not in the grid): {n}",
        "Angenommene Gespräche mit Uhrzeit, aber ohne Tisch (nicht im Raster): {n}",
    ),
    "matchmaking.problem.status_unknown": (
        "Requests with a status outside the vocabulary (in no status figure): {n}",
        "Anfragen mit unbekanntem Status (in keiner Statuszahl): {n}",
    ),
    # the download (the "export." texts serve the workshops page too)
    "export.download": (
        "Download these statistics (Excel)",
        "Diese Statistik herunterladen (Excel)",
    ),
    "export.about": ("About these figures", "Über diese Zahlen"),
    "export.what": ("What", "Was"),
    "export.read_at": ("Data read from the database", "Daten gelesen aus der Datenbank"),
    "export.created_at": ("File created", "Datei erstellt"),
    "export.small": ("Small counts", "Kleine Fallzahlen"),
    "export.summary": ("Summary", "Übersicht"),
    "export.figure": ("Figure", "Kennzahl"),
    "export.value": ("Value", "Wert"),
    "export.code": ("Code", "Code"),
    "export.definitions": ("Definitions", "Definitionen"),
    "matchmaking.export.pair": ("Pair", "Paar"),
    "matchmaking.export.flows_country": ("Meetings by country", "Gespräche nach Land"),
    "matchmaking.export.flows_sector": ("Meetings by sector", "Gespräche nach Branche"),
    "matchmaking.export.response_times": ("Response times", "Antwortzeiten"),
    "matchmaking.export.response_time": ("Time to answer", "Zeit bis zur Antwort"),
    "matchmaking.export.per_participant": ("Meetings per participant", "Gespräche pro Person"),
}
