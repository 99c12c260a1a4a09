"""Texts of the wall screen: short, in words a room full of visitors reads at a glance."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # header and state
    "wall.title": ("Wall screen", "Wandanzeige"),
    "wall.as_of": ("Data as of {time}", "Datenstand {time}"),
    "wall.stale": ("Data stale since {time} – {reason}", "Daten veraltet seit {time} – {reason}"),
    "wall.unavailable": (
        "No data – {reason}. Retrying by itself.",
        "Keine Daten – {reason}. Neuer Versuch läuft automatisch.",
    ),
    "wall.reason.unreachable": ("database unreachable", "Datenbank nicht erreichbar"),
    "wall.reason.slow": ("database too slow", "Datenbank zu langsam"),
    "wall.no_event": (
        "No event in the database yet.",
        "Noch keine Veranstaltung in der Datenbank.",
    ),
    "wall.offline": (
        "Connection to the server lost since {time} – reconnecting",
        "Verbindung zum Server unterbrochen seit {time} – verbinde neu",
    ),
    # panels
    "wall.panel.arrivals": ("Arrivals", "Ankünfte"),
    "wall.panel.registrations": ("Registrations", "Anmeldungen"),
    "wall.panel.matchmaking": ("Matchmaking now", "Matchmaking jetzt"),
    "wall.panel.workshops": ("Workshops", "Workshops"),
    "wall.panel.map": ("Where participants come from", "Woher die Teilnehmenden kommen"),
    # arrivals
    "wall.arrivals.today": ("Checked in today", "Heute eingecheckt"),
    "wall.arrivals.on_day": ("Checked in on {date}", "Eingecheckt am {date}"),
    "wall.arrivals.of": ("of {n} expected", "von {n} erwarteten"),
    "wall.arrivals.rate": ("Arrived", "Angekommen"),
    "wall.arrivals.recent": ("Last 15 minutes", "Letzte 15 Minuten"),
    "wall.arrivals.by_country": ("Arrived today by country", "Heute angekommen nach Land"),
    "wall.arrivals.per_quarter": ("Arrivals per 15 minutes", "Ankünfte pro 15 Minuten"),
    "wall.arrivals.none": ("No arrivals yet", "Noch keine Ankünfte"),
    # registrations
    "wall.registrations.total": ("Participants", "Teilnehmende"),
    "wall.registrations.total.sub": ("registered or confirmed", "angemeldet oder bestätigt"),
    "wall.registrations.today": ("New today", "Neu heute"),
    "wall.registrations.countries": ("Countries", "Länder"),
    "wall.registrations.clusters": ("Clusters", "Cluster"),
    "wall.registrations.organisations": ("{n} organisations", "{n} Organisationen"),
    "wall.registrations.by_type": ("By organisation type", "Nach Organisationstyp"),
    "wall.registrations.over_time": ("Registrations over time", "Anmeldungen im Zeitverlauf"),
    "wall.registrations.none": ("No registrations yet", "Noch keine Anmeldungen"),
    # matchmaking
    "wall.matchmaking.round_now": ("Round {time} – now", "Runde {time} – jetzt"),
    "wall.matchmaking.round_next": ("Next round {time}", "Nächste Runde {time}"),
    "wall.matchmaking.round": ("Meeting rounds", "Gesprächsrunden"),
    "wall.matchmaking.over": ("no more rounds today", "heute keine Runde mehr"),
    "wall.matchmaking.at_tables": ("meetings at the tables", "Gespräche an den Tischen"),
    "wall.matchmaking.scheduled": ("meetings scheduled", "Gespräche geplant"),
    "wall.matchmaking.last": ("Last round", "Letzte Runde"),
    "wall.matchmaking.last_at": ("Last round {time}", "Letzte Runde {time}"),
    "wall.matchmaking.none_yet": ("no round yet", "noch keine Runde"),
    "wall.matchmaking.held_of": ("held / scheduled", "stattgefunden / geplant"),
    "wall.matchmaking.today": ("Meetings today", "Gespräche heute"),
    "wall.matchmaking.on_day": ("Meetings on {date}", "Gespräche am {date}"),
    "wall.matchmaking.acceptance": ("Acceptance rate", "Annahmequote"),
    "wall.matchmaking.answered": ("of {n} answered requests", "von {n} beantworteten Anfragen"),
    "wall.matchmaking.cross_border": ("Cross-border", "Grenzüberschreitend"),
    "wall.matchmaking.of_accepted": ("of accepted meetings", "der angenommenen Gespräche"),
    "wall.matchmaking.requests": ("Meeting requests", "Gesprächsanfragen"),
    "wall.matchmaking.pending": ("{n} awaiting an answer", "{n} warten auf Antwort"),
    "wall.matchmaking.per_round": ("Meetings per round", "Gespräche pro Runde"),
    "wall.matchmaking.legend.scheduled": ("scheduled", "geplant"),
    "wall.matchmaking.legend.held": ("held", "stattgefunden"),
    "wall.matchmaking.no_rounds": ("No meetings scheduled", "Keine Gespräche geplant"),
    # workshops
    "wall.workshops.seats": ("Seats booked", "Plätze gebucht"),
    "wall.workshops.in": ("in {n} workshops", "in {n} Workshops"),
    "wall.workshops.full": ("Full", "Ausgebucht"),
    "wall.workshops.waitlisted": ("On waiting lists", "Auf Wartelisten"),
    "wall.workshops.no_seats": ("{n} booked", "{n} gebucht"),
    "wall.workshops.flag.full": ("Full", "Ausgebucht"),
    "wall.workshops.flag.over": ("Overbooked", "Überbucht"),
    "wall.workshops.flag.none": ("No seats yet", "Noch keine Plätze"),
    "wall.workshops.none": ("No workshops", "Keine Workshops"),
    # map
    "wall.map.top": ("Largest delegations", "Größte Delegationen"),
    # happenings: aggregate only, never a person
    "wall.happening.arrivals": (
        "{n} arrivals in the last 15 minutes",
        "{n} Ankünfte in den letzten 15 Minuten",
    ),
    "wall.happening.arrivals.one": (
        "{n} arrival in the last 15 minutes",
        "{n} Ankunft in den letzten 15 Minuten",
    ),
    "wall.happening.milestone": ("{n}th meeting accepted", "{n}. Gespräch angenommen"),
    "wall.happening.full": ("Workshop '{title}' is now full", "Workshop „{title}“ ist ausgebucht"),
    "wall.happening.next_round": (
        "Next meeting round at {time}: {n} meetings",
        "Nächste Gesprächsrunde um {time}: {n} Gespräche",
    ),
    "wall.happening.registrations": (
        "{n} new registrations today",
        "{n} neue Anmeldungen heute",
    ),
    "wall.happening.registrations.one": (
        "{n} new registration today",
        "{n} neue Anmeldung heute",
    ),
}
