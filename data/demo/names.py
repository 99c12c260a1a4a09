"""Naming rules of the demo: organisation names, web domains, e-mail addresses, name pools."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from faker import Faker

from data.demo.countries import COUNTRIES, LATIN_NAMES
from data.demo.dice import Dice
from data.demo.vocabulary import (
    CLUSTER_TEMPLATES,
    CLUSTER_WORDS,
    COMPANY_WORDS,
    OTHER_TEMPLATES,
    PLACE_WORDS,
    PUBLIC_TEMPLATES,
    RESEARCH_FIELDS,
    RESEARCH_TEMPLATES,
)

_TEMPLATES = {
    "cluster_organisation": CLUSTER_TEMPLATES,
    "research": RESEARCH_TEMPLATES,
    "public_authority": PUBLIC_TEMPLATES,
}

_STOP_WORDS = {"of", "the", "for", "and", "&", "–", "-", "city"}
_LEGAL_FORMS = {
    form.lower() for country in COUNTRIES.values() for form in country.company_forms
} | {"sp.", "z", "o.o."}
_SKIP_IN_DOMAINS = _STOP_WORDS | _LEGAL_FORMS
_FOLD = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "þ": "th", "ð": "d", "ł": "l", "đ": "d"})
_GERMAN_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_DOMAIN_WORDS = {"university": "uni", "technology": "tech", "development": "dev"}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def organisation_name(rng: Dice, org_type: str, sector: str, code: str) -> str:
    """Compose the name of an organisation of a type, sector and country."""
    country = COUNTRIES[code]
    if org_type in ("sme", "large_company"):
        prefix = rng.pick(country.cities if rng.random() < 0.5 else PLACE_WORDS)
        form = country.company_forms[org_type == "large_company"]
        return f"{prefix} {rng.pick(COMPANY_WORDS[sector])} {form}"
    template = rng.pick(_TEMPLATES.get(org_type, OTHER_TEMPLATES))
    parts = {
        "country": country.name.removeprefix("the "),
        "adjective": country.adjective,
        "region": rng.pick(country.regions) if "{region}" in template else "",
        "city": rng.pick(country.cities) if "{city}" in template else "",
        "word": rng.pick(CLUSTER_WORDS[sector]) if "{word}" in template else "",
        "field": rng.pick(RESEARCH_FIELDS[sector]) if "{field}" in template else "",
        "place": rng.pick(PLACE_WORDS) if "{place}" in template else "",
    }
    return template.format(**parts)


def ascii_fold(text: str, country: str = "") -> str:
    """Return text lower-cased and reduced to ASCII as e-mail addresses spell names."""
    text = text.lower()
    if country == "DE":
        text = text.translate(_GERMAN_FOLD)
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slug(text: str, country: str = "") -> str:
    """Return the ASCII slug of a name part: 'von Müller' -> 'von-mueller'."""
    return _NOT_SLUG.sub("-", ascii_fold(text, country)).strip("-")


def org_domain(name: str, country_code: str) -> str:
    """Return a plausible web domain for an organisation's name."""
    country = COUNTRIES.get(country_code)
    tld = country.tld if country else "eu"
    words = [
        _DOMAIN_WORDS.get(w.lower(), w) for w in name.split() if w.lower() not in _SKIP_IN_DOMAINS
    ]
    return f"{slug(' '.join(words[:3]), country_code) or 'info'}.{tld}"


def email_address(first: str, last: str, domain: str, country_code: str) -> str:
    """Return firstname.lastname@domain, folded to ASCII."""
    return f"{_name_slug(first, country_code)}.{_name_slug(last, country_code)}@{domain}"


@functools.lru_cache(maxsize=8192)  # names come from small pools: fold each once
def _name_slug(name: str, country_code: str) -> str:
    return slug(name, country_code)


@dataclass(frozen=True)
class NamePool:
    """First and last names of one country, for men and for women."""

    male_first: tuple[str, ...]
    male_last: tuple[str, ...]
    female_first: tuple[str, ...]
    female_last: tuple[str, ...]

    def pick(self, rng: Dice) -> tuple[str, str]:
        """Return a (first, last) name of a person."""
        if rng.random() < 0.5:
            return rng.pick(self.male_first), rng.pick(self.male_last)
        return rng.pick(self.female_first), rng.pick(self.female_last)


def name_pools(seed: int, size: int = 120) -> dict[str, NamePool]:
    """Draw names once per country from a seeded Faker, so the hot path never calls Faker."""
    pools: dict[str, NamePool] = {}
    for index, (code, country) in enumerate(COUNTRIES.items()):
        if not country.locale:
            pools[code] = NamePool(*LATIN_NAMES[code])
            continue
        fake = Faker(country.locale)
        fake.seed_instance(seed * 101 + index)
        draws = [
            _distinct(getter, size)
            for getter in (
                fake.first_name_male,
                fake.last_name_male,
                fake.first_name_female,
                fake.last_name_female,
            )
        ]
        pools[code] = NamePool(*draws)
    return pools


def _distinct(getter: Callable[[], str], size: int) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for _ in range(size):
        name = getter()
        # Faker's de_DE has a few nobility artefacts such as 'auch Schlauchin'.
        if not name[:1].islower():
            seen.setdefault(name, None)
    return tuple(seen)
