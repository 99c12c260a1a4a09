"""Every text the user reads, in English and German, and locale-aware formatting."""

from __future__ import annotations

import datetime as dt
import gettext
from functools import cache

import pycountry

from dashboard import texts
from dashboard.vocab import OTHER, UNKNOWN

LANGUAGES = ("en", "de")

COMMON_TEXTS: dict[str, tuple[str, str]] = {
    # shell
    "app.title": ("Cluster Conference Dashboard", "Cluster-Konferenz-Dashboard"),
    "nav.overview": ("Overview", "Übersicht"),
    "nav.participants": ("Participants", "Teilnehmende"),
    "nav.matchmaking": ("Matchmaking", "Matchmaking"),
    "nav.workshops": ("Workshops", "Workshops"),
    "nav.tables": ("Tables", "Tabellen"),
    "nav.wall": ("Wall screen", "Wandanzeige"),
    "nav.language": ("Deutsch", "English"),
    "nav.logout": ("Log out {user}", "{user} abmelden"),
    "demo.badge": ("demo", "Demo"),
    "page.not_found": ("This page does not exist.", "Diese Seite gibt es nicht."),
    "page.back_home": ("Back to the overview", "Zurück zur Übersicht"),
    # filters
    "filter.event": ("Event", "Veranstaltung"),
    "filter.country": ("Country", "Land"),
    "filter.sector": ("Sector", "Branche"),
    "filter.org_type": ("Organisation type", "Organisationstyp"),
    "filter.all": ("All", "Alle"),
    "filter.clear": ("Clear all", "Alle entfernen"),
    "filter.ignored": ("Ignored in the link: {items}", "Im Link ignoriert: {items}"),
    # state
    "data.as_of": ("Data as of {time}", "Datenstand {time}"),
    "data.unavailable": (
        "Data unavailable: {reason}. Retrying by itself.",
        "Daten nicht verfügbar: {reason}. Neuer Versuch läuft automatisch.",
    ),
    "data.stale": (
        "Data stale since {time} – {reason}",
        "Daten veraltet seit {time} – {reason}",
    ),
    "data.too_slow": ("the database is taking too long", "die Datenbank braucht zu lange"),
    "data.no_events": (
        "The database holds no event yet.",
        "Die Datenbank enthält noch keine Veranstaltung.",
    ),
    "empty.participants": (
        "No participants match these filters",
        "Keine Teilnehmenden passen zu diesen Filtern",
    ),
    "empty.registrations": ("No registrations yet", "Noch keine Anmeldungen"),
    # KPIs
    "kpi.active": ("Participants", "Teilnehmende"),
    "kpi.active.sub": ("registered or confirmed", "angemeldet oder bestätigt"),
    "kpi.confirmed": ("Confirmed", "Bestätigt"),
    "kpi.checked_in_today": ("Checked in today", "Heute eingecheckt"),
    "kpi.checked_in": ("Checked in", "Eingecheckt"),
    "kpi.of_active": ("{rate} of participants", "{rate} der Teilnehmenden"),
    "kpi.countries": ("Countries", "Länder"),
    "kpi.clusters": ("Clusters", "Cluster"),
    "kpi.clusters.sub": ("{n} organisations", "{n} Organisationen"),
    "kpi.requests": ("Meeting requests", "Gesprächsanfragen"),
    "kpi.acceptance": ("Acceptance rate", "Annahmequote"),
    "kpi.acceptance.sub": ("{n} answered", "{n} beantwortet"),
    "kpi.seats": ("Workshop seats booked", "Workshop-Plätze gebucht"),
    "kpi.seats.value": ("{booked} / {total}", "{booked} / {total}"),
    # charts
    "chart.by_country": ("Participants by country", "Teilnehmende nach Land"),
    "chart.by_sector": ("Participants by sector", "Teilnehmende nach Branche"),
    "chart.by_org_type": (
        "Participants by organisation type",
        "Teilnehmende nach Organisationstyp",
    ),
    "chart.registrations": ("Registrations over time", "Anmeldungen im Zeitverlauf"),
    "axis.participants": ("Participants", "Teilnehmende"),
    "axis.date": ("Date", "Datum"),
    "axis.per_day": ("New per day", "Neu pro Tag"),
    "axis.cumulative": ("Total", "Gesamt"),
    # vocabulary
    "org_type.cluster_organisation": ("Cluster organisation", "Clusterorganisation"),
    "org_type.sme": ("SME", "KMU"),
    "org_type.large_company": ("Large company", "Großunternehmen"),
    "org_type.research": ("Research & education", "Forschung & Bildung"),
    "org_type.public_authority": ("Public administration", "Öffentliche Verwaltung"),
    "org_type.other": ("Other", "Sonstige"),
    "value.Unknown": ("Unknown", "Unbekannt"),
    "value.Other": ("Other", "Sonstige"),
    "sector.Aerospace & Defence": ("Aerospace & Defence", "Luft- und Raumfahrt & Verteidigung"),
    "sector.Agri-food": ("Agri-food", "Agrar- und Lebensmittelwirtschaft"),
    "sector.Construction": ("Construction", "Bauwirtschaft"),
    "sector.Cultural & Creative Industries": (
        "Cultural & Creative Industries",
        "Kultur- und Kreativwirtschaft",
    ),
    "sector.Digital": ("Digital", "Digitales"),
    "sector.Electronics": ("Electronics", "Elektronik"),
    "sector.Energy-Intensive Industries": (
        "Energy-Intensive Industries",
        "Energieintensive Industrien",
    ),
    "sector.Renewable Energy": ("Renewable Energy", "Erneuerbare Energien"),
    "sector.Health": ("Health", "Gesundheit"),
    "sector.Mobility, Transport & Automotive": (
        "Mobility, Transport & Automotive",
        "Mobilität, Verkehr & Automobil",
    ),
    "sector.Proximity, Social Economy & Civil Security": (
        "Proximity, Social Economy & Civil Security",
        "Nahversorgung, Sozialwirtschaft & zivile Sicherheit",
    ),
    "sector.Retail": ("Retail", "Einzelhandel"),
    "sector.Textile": ("Textile", "Textil"),
    "sector.Tourism": ("Tourism", "Tourismus"),
}


# Each page keeps its texts in its own module of dashboard/texts/; all are merged here.
TEXTS: dict[str, tuple[str, str]] = {**COMMON_TEXTS, **texts.ALL}


def language(value: object) -> str:
    """A supported language code; anything else is English."""
    return value if value in LANGUAGES else "en"


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for key in the language, with {placeholders} filled in."""
    pair = TEXTS.get(key)
    text = key if pair is None else pair[LANGUAGES.index(language(lang))]
    return text.format(**values) if values else text


@cache
def _country_translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def country_name(code: str, lang: str = "en") -> str:
    """A country's common name in the language; Unknown stays a word, not a code."""
    if code == UNKNOWN:
        return t("value.Unknown", lang)
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    return _country_translations(language(lang)).gettext(name)


def sector_name(sector: str, lang: str = "en") -> str:
    """A sector's name in the language."""
    if sector in (UNKNOWN, OTHER):
        return t(f"value.{sector}", lang)
    return t(f"sector.{sector}", lang)


def org_type_name(code: str, lang: str = "en") -> str:
    """An organisation type's name in the language."""
    if code == UNKNOWN:
        return t("value.Unknown", lang)
    return t(f"org_type.{code}", lang)


def value_name(dimension: str, value: str, lang: str = "en") -> str:
    """The display name of a value of a filter dimension."""
    if dimension == "country":
        return country_name(value, lang)
    if dimension == "sector":
        return sector_name(value, lang)
    return org_type_name(value, lang)


def fmt_int(value: int | None, lang: str = "en") -> str:
    """A whole number with the language's thousands separator; None is a dash."""
    if value is None:
        return "–"
    text = f"{int(value):,}"
    return text.replace(",", ".") if language(lang) == "de" else text


def fmt_pct(value: float | None, lang: str = "en", digits: int = 0) -> str:
    """A fraction as a percentage; None (undefined) is a dash, never 0 %."""
    if value is None:
        return "–"
    text = f"{value * 100:.{digits}f}"
    return f"{text.replace('.', ',')} %" if language(lang) == "de" else f"{text}%"


def fmt_number(value: float | None, lang: str = "en", digits: int = 1) -> str:
    """A decimal number in the language's notation; None is a dash."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if language(lang) == "de":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return text


def fmt_date(day: dt.date, lang: str = "en") -> str:
    """A date as people write it in the language."""
    return day.strftime("%d.%m.%Y") if language(lang) == "de" else day.strftime("%d %b %Y")


def fmt_time(moment: dt.datetime, lang: str = "en") -> str:
    """A time of day, 24-hour, the same in both languages."""
    return moment.strftime("%H:%M:%S")
