"""Read columns of the staff tables: raw value -> read value -> label, and back to raw values.

A filter on a read column is decided in Python over the few distinct read values
(their labels, in the user's language), then bound as the raw values that read so.
"""

from __future__ import annotations

from collections.abc import Iterable

from dashboard import i18n, vocab
from data.table_model import OneOf

READERS = {
    "country": lambda raw: vocab.read_country_code(raw) or vocab.UNKNOWN,
    "sector": vocab.read_sector,
    "org_type": vocab.read_org_type,
    "status": lambda raw: vocab.read_status(raw, vocab.STATUSES),
    "request_status": lambda raw: vocab.read_status(raw, vocab.REQUEST_STATUSES),
    "booking_status": lambda raw: vocab.read_status(raw, vocab.BOOKING_STATUSES),
    "role": vocab.read_role,
    "flag": lambda raw: None if raw is None else bool(raw),
}
# The distinct raw values (data.tables.DISTINCT keys) behind each reading.
SOURCES = {
    "country": ("participant_country", "organisation_country"),
    "sector": ("sector",),
    "org_type": ("org_type",),
    "status": ("participant_status",),
    "request_status": ("request_status",),
    "booking_status": ("booking_status",),
    "role": ("role",),
    "flag": (),
}
FLAG_VALUES = (True, False)


def read(reading: str, raw: object) -> object:
    """The read value of a raw value."""
    return READERS[reading](raw)


def label(reading: str, value: object, lang: str) -> str:
    """How a read value is shown, in the language."""
    if reading == "flag":
        return "" if value is None else i18n.t("tables.yes" if value else "tables.no", lang)
    if reading in ("country", "sector", "org_type"):
        return i18n.value_name(reading, str(value), lang)
    key = f"tables.{'role' if reading == 'role' else 'status'}.{value}"
    return i18n.t(key, lang) if key in i18n.TEXTS else str(value)


def _values(reading: str, raws: Iterable) -> set:
    return {read(reading, raw) for raw in raws} | {read(reading, None)}


def _texts(reading: str, value: object, lang: str) -> list[str]:
    texts = [label(reading, value, lang).casefold()]
    if reading == "country" and value != vocab.UNKNOWN:
        texts.append(str(value).casefold())  # "LV" finds Latvia too
    return texts


def _hit(op: str, texts: list[str], wanted: str) -> bool:
    if op in ("contains", "not_contains"):
        found = any(wanted in text for text in texts)
    elif op in ("equals", "not_equals"):
        found = any(wanted == text for text in texts)
    elif op == "starts_with":
        return any(text.startswith(wanted) for text in texts)
    elif op == "ends_with":
        return any(text.endswith(wanted) for text in texts)
    else:
        found = all(not text.strip() for text in texts)  # blank / not_blank
        return found if op == "blank" else not found
    return found if op in ("contains", "equals") else not found


def matching(reading: str, op: str, wanted: str | None, lang: str, raws: Iterable) -> set:
    """The read values whose label meets a text condition (compared without case)."""
    text = (wanted or "").casefold()
    return {v for v in _values(reading, raws) if _hit(op, _texts(reading, v, lang), text)}


def as_condition(source: str, reading: str, selected: set, raws: Iterable) -> OneOf:
    """Rows whose raw value (in source) reads as one of the selected values; NULL explicitly."""
    chosen = tuple(raw for raw in raws if raw is not None and read(reading, raw) in selected)
    return OneOf(source, chosen, read(reading, None) in selected)


def ranks(reading: str, lang: str, raws: Iterable) -> tuple[tuple[tuple, ...], int]:
    """The raw values grouped by read value, in the order of their labels; NULL's rank."""
    raws = [raw for raw in raws if raw is not None]
    values = sorted(_values(reading, raws), key=lambda v: label(reading, v, lang).casefold())
    groups = tuple(tuple(r for r in raws if read(reading, r) == v) for v in values)
    return groups, values.index(read(reading, None))


def domain(reading: str, distinct: dict[str, tuple]) -> tuple:
    """The raw values behind a reading, from the distinct values of its source columns."""
    if reading == "flag":
        return FLAG_VALUES
    return tuple({raw for key in SOURCES[reading] for raw in distinct.get(key, ())})
