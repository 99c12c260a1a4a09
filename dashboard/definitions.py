"""The definition of every figure of metrics.md, in English and German, keyed by figure.

The statistics pages show them in info popovers and the downloads write them into a
sheet, so that a quoted number travels with its meaning. Keys are prefixed with the page
("participants.", "matchmaking.", "workshops.") or "reading." for the rules every figure
follows.
"""

from __future__ import annotations

from dashboard.i18n import LANGUAGES, language

Pair = tuple[str, str]

# key: ((name EN, name DE), (definition EN, definition DE))
DEFINITIONS: dict[str, tuple[Pair, Pair]] = {
    # How rows are read
    "reading.country": (
        ("Country", "Land"),
        (
            "The participant's own country, or where that is missing the organisation's; "
            "UK is read as GB and EL as GR. Anything that is not an ISO country code is Unknown.",
            "Das Land der Person, sonst das ihrer Organisation; UK gilt als GB, EL als GR. "
            "Was kein ISO-Ländercode ist, zählt als Unbekannt.",
        ),
    ),
    "reading.sector": (
        ("Sector", "Branche"),
        (
            "The organisation's sector among the EU's 14 industrial ecosystems; any other "
            "value is Other, a missing one Unknown.",
            "Die Branche der Organisation unter den 14 industriellen Ökosystemen der EU; "
            "andere Werte zählen als Sonstige, fehlende als Unbekannt.",
        ),
    ),
    "reading.org_type": (
        ("Organisation type", "Organisationstyp"),
        (
            "Cluster organisation, SME, large company, research & education, public "
            "administration or other; a missing type is Unknown.",
            "Clusterorganisation, KMU, Großunternehmen, Forschung & Bildung, öffentliche "
            "Verwaltung oder Sonstige; ein fehlender Typ zählt als Unbekannt.",
        ),
    ),
    "reading.status": (
        ("Status", "Status"),
        (
            "Registered, confirmed, waitlisted or cancelled; any other value is an unknown "
            "status, listed in the data-quality view and never counted as active.",
            "Angemeldet, bestätigt, Warteliste oder storniert; jeder andere Wert ist ein "
            "unbekannter Status, wird bei der Datenqualität gelistet und nie als aktiv gezählt.",
        ),
    ),
    "reading.dangling": (
        ("Broken references", "Fehlerhafte Verweise"),
        (
            "A row that points at a missing row is left out of the figures and listed in the "
            "data-quality view.",
            "Eine Zeile, die auf eine fehlende Zeile verweist, wird nicht mitgezählt und bei "
            "der Datenqualität gelistet.",
        ),
    ),
    "reading.time": (
        ("Times", "Zeiten"),
        (
            "Times are stored in UTC and shown in the event's time zone.",
            "Zeiten sind in UTC gespeichert und werden in der Zeitzone der Veranstaltung gezeigt.",
        ),
    ),
    "reading.small_counts": (
        ("Small counts", "Kleine Fallzahlen"),
        (
            "For officials, a cell of a breakdown by two or more attributes that holds 1 or 2 "
            "participants shows “< 3”, so that nobody can be singled out. Totals and "
            "breakdowns by one attribute are exact.",
            "Für Ministeriumsnutzer zeigt eine Zelle einer Aufschlüsselung nach zwei oder mehr "
            "Merkmalen mit 1 oder 2 Personen „< 3“, damit niemand erkennbar wird. Summen und "
            "Aufschlüsselungen nach einem Merkmal sind exakt.",
        ),
    ),
    # Participants
    "participants.active": (
        ("Participants (active)", "Teilnehmende (aktiv)"),
        (
            "Participants with status registered or confirmed.",
            "Teilnehmende mit Status angemeldet oder bestätigt.",
        ),
    ),
    "participants.confirmed": (
        ("Confirmed", "Bestätigt"),
        ("Participants with status confirmed.", "Teilnehmende mit Status bestätigt."),
    ),
    "participants.waitlisted": (
        ("Waitlisted", "Warteliste"),
        (
            "Participants with status waitlisted (not active).",
            "Teilnehmende mit Status Warteliste (nicht aktiv).",
        ),
    ),
    "participants.cancelled": (
        ("Cancelled", "Storniert"),
        (
            "Participants with status cancelled (not active).",
            "Teilnehmende mit Status storniert (nicht aktiv).",
        ),
    ),
    "participants.checked_in": (
        ("Checked in", "Eingecheckt"),
        (
            "Active participants with at least one badge scan; on a given day, one on that "
            "day in the event's time zone.",
            "Aktive Teilnehmende mit mindestens einem Badge-Scan; an einem Tag: einem an "
            "diesem Tag in der Zeitzone der Veranstaltung.",
        ),
    ),
    "participants.arrival_rate": (
        ("Arrival rate", "Anreisequote"),
        ("Checked in / active participants.", "Eingecheckte / aktive Teilnehmende."),
    ),
    "participants.countries": (
        ("Countries represented", "Vertretene Länder"),
        (
            "Distinct known countries among active participants.",
            "Verschiedene bekannte Länder unter den aktiven Teilnehmenden.",
        ),
    ),
    "participants.organisations": (
        ("Organisations represented", "Vertretene Organisationen"),
        (
            "Distinct organisations among active participants.",
            "Verschiedene Organisationen unter den aktiven Teilnehmenden.",
        ),
    ),
    "participants.clusters": (
        ("Clusters represented", "Vertretene Cluster"),
        (
            "Distinct organisations of type cluster organisation among active participants.",
            "Verschiedene Organisationen vom Typ Clusterorganisation unter den aktiven "
            "Teilnehmenden.",
        ),
    ),
    "participants.registrations": (
        ("Registrations over time", "Anmeldungen im Zeitverlauf"),
        (
            "Active participants by the day they registered (bars) and their running total "
            "(line); the previous edition's total at the same number of days before its event "
            "is drawn for comparison.",
            "Aktive Teilnehmende nach Anmeldetag (Balken) und ihre laufende Summe (Linie); "
            "zum Vergleich die Summe der Vorveranstaltung gleich viele Tage vor ihrem Beginn.",
        ),
    ),
    "participants.by_country": (
        ("Participants by country", "Teilnehmende nach Land"),
        (
            "Active participants by country (their own, else their organisation's).",
            "Aktive Teilnehmende nach Land (ihrem eigenen, sonst dem der Organisation).",
        ),
    ),
    "participants.map": (
        ("Map of Europe", "Europakarte"),
        (
            "Active participants by country; countries of the Baltic Sea Region (DE, DK, EE, "
            "FI, IS, LT, LV, NO, PL, SE) in blue, guest countries in orange.",
            "Aktive Teilnehmende nach Land; Länder der Ostseeregion (DE, DK, EE, FI, IS, LT, "
            "LV, NO, PL, SE) in Blau, Gastländer in Orange.",
        ),
    ),
    "participants.by_sector": (
        ("Participants by sector", "Teilnehmende nach Branche"),
        (
            "Active participants by their organisation's sector.",
            "Aktive Teilnehmende nach der Branche ihrer Organisation.",
        ),
    ),
    "participants.by_org_type": (
        ("Participants by organisation type", "Teilnehmende nach Organisationstyp"),
        (
            "Active participants by their organisation's type (cluster organisation, SME, "
            "large company, research & education, public administration, other); Unknown "
            "where the organisation has none.",
            "Aktive Teilnehmende nach dem Typ ihrer Organisation (Clusterorganisation, KMU, "
            "Großunternehmen, Forschung & Bildung, öffentliche Verwaltung, Sonstige); "
            "Unbekannt, wo die Organisation keinen hat.",
        ),
    ),
    "participants.helix": (
        ("Triple helix", "Triple Helix"),
        (
            "Active participants by organisation type, grouped as business (SME, large "
            "company), administration (public administration), science (research & "
            "education) and cluster organisations.",
            "Aktive Teilnehmende nach Organisationstyp, gruppiert als Wirtschaft (KMU, "
            "Großunternehmen), Verwaltung (öffentliche Verwaltung), Wissenschaft (Forschung "
            "& Bildung) und Clusterorganisationen.",
        ),
    ),
    "participants.country_sector": (
        ("Country × sector", "Land × Branche"),
        (
            "Active participants by country and sector. For officials, cells with 1 or 2 "
            "participants show “< 3”.",
            "Aktive Teilnehmende nach Land und Branche. Für Ministeriumsnutzer zeigen Zellen "
            "mit 1 oder 2 Personen „< 3“.",
        ),
    ),
    "participants.checkins_by_day": (
        ("Check-ins by day", "Check-ins nach Tag"),
        (
            "Active participants with a badge scan on each day of the event.",
            "Aktive Teilnehmende mit einem Badge-Scan an jedem Veranstaltungstag.",
        ),
    ),
    "participants.checkins_by_hour": (
        ("Arrivals by hour", "Ankünfte nach Stunde"),
        (
            "Active participants by the hour of their first badge scan of each day, in the "
            "event's time zone.",
            "Aktive Teilnehmende nach der Stunde ihres ersten Badge-Scans an jedem Tag, in der "
            "Zeitzone der Veranstaltung.",
        ),
    ),
    "participants.outside_host": (
        ("From outside the host country", "Aus dem Ausland"),
        (
            "Active participants from a known country other than the host country / active "
            "participants with a known country. The host country is the country of the "
            "event's time zone (Europe/Berlin: Germany); for a zone of no country, the "
            "country with the most active participants.",
            "Aktive Teilnehmende aus einem bekannten Land außer dem Gastgeberland / aktive "
            "Teilnehmende mit bekanntem Land. Gastgeberland ist das Land der Zeitzone der "
            "Veranstaltung (Europe/Berlin: Deutschland); bei einer Zeitzone ohne Land das "
            "Land mit den meisten aktiven Teilnehmenden.",
        ),
    ),
    "participants.drill": (
        ("Drill-down", "Drill-down"),
        (
            "Active participants by country, then by sector within the chosen country, then "
            "by organisation type, then by organisation (organisations are not persons).",
            "Aktive Teilnehmende nach Land, dann nach Branche im gewählten Land, dann nach "
            "Organisationstyp, dann nach Organisation (Organisationen sind keine Personen).",
        ),
    ),
    # Matchmaking
    "matchmaking.requests": (
        ("Requests", "Anfragen"),
        (
            "Meeting requests of the event; cancelled ones are left out.",
            "Gesprächsanfragen der Veranstaltung ohne stornierte.",
        ),
    ),
    "matchmaking.accepted": (
        ("Accepted", "Angenommen"),
        ("Requests with status accepted.", "Anfragen mit Status angenommen."),
    ),
    "matchmaking.declined": (
        ("Declined", "Abgelehnt"),
        ("Requests with status declined.", "Anfragen mit Status abgelehnt."),
    ),
    "matchmaking.pending": (
        ("Pending", "Offen"),
        ("Requests with status pending.", "Anfragen mit Status offen."),
    ),
    "matchmaking.acceptance_rate": (
        ("Acceptance rate", "Annahmequote"),
        (
            "Accepted / (accepted + declined); “–” when no request has been answered.",
            "Angenommen / (angenommen + abgelehnt); „–“, solange keine Anfrage beantwortet ist.",
        ),
    ),
    "matchmaking.response_rate": (
        ("Response rate", "Antwortquote"),
        ("(Accepted + declined) / requests.", "(Angenommen + abgelehnt) / Anfragen."),
    ),
    "matchmaking.median_response_time": (
        ("Median response time", "Median der Antwortzeit"),
        (
            "The median time from request to answer over answered requests.",
            "Der Median der Zeit von der Anfrage bis zur Antwort über beantwortete Anfragen.",
        ),
    ),
    "matchmaking.held": (
        ("Meetings held", "Stattgefundene Gespräche"),
        (
            "Accepted requests whose meeting took place.",
            "Angenommene Anfragen, deren Gespräch stattgefunden hat.",
        ),
    ),
    "matchmaking.no_shows": (
        ("No-shows", "Nicht erschienen"),
        (
            "Accepted requests whose meeting did not take place.",
            "Angenommene Anfragen, deren Gespräch nicht stattgefunden hat.",
        ),
    ),
    "matchmaking.cross_border_share": (
        ("Cross-border share", "Grenzüberschreitender Anteil"),
        (
            "Accepted requests whose two sides are in different known countries / accepted "
            "requests whose two sides both have a known country.",
            "Angenommene Anfragen zwischen verschiedenen bekannten Ländern / angenommene "
            "Anfragen, deren beide Seiten ein bekanntes Land haben.",
        ),
    ),
    "matchmaking.cross_sector_share": (
        ("Cross-sector share", "Branchenübergreifender Anteil"),
        (
            "As the cross-border share, with sectors; sides with an Unknown or Other sector "
            "are left out.",
            "Wie der grenzüberschreitende Anteil, mit Branchen; Seiten mit unbekannter oder "
            "sonstiger Branche zählen nicht.",
        ),
    ),
    "matchmaking.meetings_of_participant": (
        ("Meetings of a participant", "Gespräche einer Person"),
        (
            "Accepted requests in which the participant is requester or recipient.",
            "Angenommene Anfragen, in denen die Person anfragt oder angefragt wird.",
        ),
    ),
    "matchmaking.meetings_per_participant": (
        ("Meetings per participant", "Gespräche pro Person"),
        (
            "The median number of accepted meetings over active participants who opted in "
            "to matchmaking, with the shares that have none and two or more.",
            "Der Median der angenommenen Gespräche über aktive Teilnehmende mit "
            "Matchmaking-Teilnahme, dazu die Anteile mit keinem und mit zwei oder mehr.",
        ),
    ),
    "matchmaking.request_attributes": (
        ("A request's country, sector, type", "Land, Branche, Typ einer Anfrage"),
        (
            "For acceptance figures, the recipient's (the side that decides); a filter keeps "
            "a request whose recipient matches. Flows show requester → recipient and keep a "
            "request where either side matches.",
            "Für Annahmezahlen die der angefragten Person (sie entscheidet); ein Filter behält "
            "Anfragen, deren Empfänger passt. Flüsse zeigen Anfragende → Angefragte und "
            "behalten Anfragen, bei denen eine der Seiten passt.",
        ),
    ),
    # Workshops
    "workshops.booked": (
        ("Booked", "Gebucht"),
        (
            "Bookings with status booked whose participant is active.",
            "Buchungen mit Status gebucht, deren Person aktiv ist.",
        ),
    ),
    "workshops.waitlisted": (
        ("Waitlisted", "Warteliste"),
        (
            "Bookings with status waitlisted whose participant is active.",
            "Buchungen mit Status Warteliste, deren Person aktiv ist.",
        ),
    ),
    "workshops.fill_level": (
        ("Fill level", "Auslastung"),
        (
            "Booked / capacity; a workshop without seats shows its bookings and “no seats”.",
            "Gebucht / Kapazität; ein Workshop ohne Plätze zeigt seine Buchungen und "
            "„keine Plätze“.",
        ),
    ),
    "workshops.overbooked": (
        ("Overbooked", "Überbucht"),
        (
            "More bookings than seats: shown and flagged, never cut off.",
            "Mehr Buchungen als Plätze: gezeigt und markiert, nie abgeschnitten.",
        ),
    ),
    "workshops.attendance": (
        ("Attendance", "Anwesenheit"),
        (
            "Bookings marked as attended / booked, over workshops that have started.",
            "Als anwesend markierte Buchungen / gebuchte, über begonnene Workshops.",
        ),
    ),
}


def name(key: str, lang: str = "en") -> str:
    """A figure's name in the language (the key itself when it has no definition)."""
    entry = DEFINITIONS.get(key)
    return entry[0][LANGUAGES.index(language(lang))] if entry else key


def text(key: str, lang: str = "en") -> str:
    """A figure's definition in the language ("" when it has none)."""
    entry = DEFINITIONS.get(key)
    return entry[1][LANGUAGES.index(language(lang))] if entry else ""


def keys(*prefixes: str) -> list[str]:
    """The keys of the definitions under some prefixes ("participants.", "reading."), in order."""
    return [key for key in DEFINITIONS if key.startswith(prefixes)]
