"""How raw values from the registration database are read (metrics.md, "Reading the rows")."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pycountry

from data.contract import SECTORS

UNKNOWN = "Unknown"
OTHER = "Other"
UNKNOWN_STATUS = "unknown"

ACTIVE = ("registered", "confirmed")
STATUSES = ("registered", "confirmed", "waitlisted", "cancelled")
REQUEST_STATUSES = ("pending", "accepted", "declined", "cancelled")
BOOKING_STATUSES = ("booked", "waitlisted", "cancelled")
ROLES = ("delegate", "speaker", "organiser", "press")

ORG_TYPES = (
    "cluster_organisation",
    "sme",
    "large_company",
    "research",
    "public_authority",
    "other",
)
# The triple helix that the conference brings together, plus the clusters themselves.
HELIX = {
    "sme": "business",
    "large_company": "business",
    "public_authority": "administration",
    "research": "science",
    "cluster_organisation": "clusters",
    "other": "other",
    UNKNOWN: "other",
}

BALTIC_SEA_REGION = ("DE", "DK", "SE", "NO", "FI", "EE", "LV", "LT", "PL", "IS")
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}
ISO_CODES = frozenset(country.alpha_2 for country in pycountry.countries)
_SECTOR_BY_KEY = {sector.casefold(): sector for sector in SECTORS}


def _text(raw: object) -> str:
    return raw.strip() if isinstance(raw, str) else ""


def read_country_code(raw: object) -> str | None:
    """Read one country value: an ISO code, or None when it is missing or invalid."""
    code = _text(raw).upper()
    code = COUNTRY_ALIASES.get(code, code)
    return code if code in ISO_CODES else None


def read_country(person_raw: object, organisation_raw: object) -> str:
    """A participant's country: their own, else the organisation's; invalid is Unknown."""
    own = _text(person_raw)
    raw = own if own else organisation_raw
    return read_country_code(raw) or UNKNOWN


def read_sector(raw: object) -> str:
    """A sector from the vocabulary, Other for any other text, Unknown when missing."""
    text = _text(raw)
    if not text:
        return UNKNOWN
    return _SECTOR_BY_KEY.get(text.casefold(), OTHER)


def read_org_type(raw: object) -> str:
    """An organisation type code; any other value is 'other', missing is Unknown."""
    text = _text(raw).casefold()
    if not text:
        return UNKNOWN
    return text if text in ORG_TYPES else "other"


def read_status(raw: object, vocabulary: tuple[str, ...] = STATUSES) -> str:
    """A status from its vocabulary, or 'unknown' (never active)."""
    text = _text(raw).casefold()
    return text if text in vocabulary else UNKNOWN_STATUS


def read_role(raw: object) -> str:
    """A role; NULL is delegate."""
    text = _text(raw).casefold()
    return text if text else "delegate"


def mapped(values: pd.Series, reader: Callable[[object], str]) -> pd.Series:
    """Apply a reader to a column through its distinct values (cubes repeat values a lot)."""
    codes, distinct = pd.factorize(values)  # a missing value's code is -1
    missing = reader(None)
    read = [reader(value) for value in distinct]
    # The last entry serves code -1; a reader's missing answer counts as missing too.
    lookup = np.array([missing if pd.isna(r) else r for r in read] + [missing], dtype=object)
    return pd.Series(lookup[codes], index=values.index, name=values.name, dtype=object)


def _given(values: pd.Series) -> pd.Series:
    """Whether each raw value is text with more than whitespace in it (missing: not given)."""
    return mapped(values, lambda raw: bool(_text(raw))).astype(bool)


def _country_or_unknown(raw: object) -> str:
    return read_country_code(raw) or UNKNOWN


def read_people(cube: pd.DataFrame, prefix: str = "") -> pd.DataFrame:
    """Return the cube with country, sector and org_type read from its raw person columns.

    The country is read_country's, a column at a time: the person's own value where it
    is given, else the organisation's, each distinct value read once.
    """
    out = cube.copy()
    person = cube[prefix + "p_country"].astype(object)
    raw = person.where(_given(person), cube[prefix + "o_country"].astype(object))
    out[prefix + "country"] = mapped(raw, _country_or_unknown).tolist()
    out[prefix + "sector"] = mapped(cube[prefix + "sector_raw"], read_sector)
    out[prefix + "org_type"] = mapped(cube[prefix + "type_raw"], read_org_type)
    return out
