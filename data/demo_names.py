"""Word lists and naming rules for the demo data: countries, organisations, people, workshops."""

from __future__ import annotations

import bisect
import functools
import itertools
import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from faker import Faker

T = TypeVar("T")


class Dice(random.Random):
    """A seeded random source with quick picks: the generator draws tens of millions of them."""

    def pick(self, items: Sequence[T]) -> T:
        """Return an item, like choice() but several times faster."""
        return items[int(self.random() * len(items))]

    def weighted(self, items: Sequence[T], cum_weights: Sequence[float]) -> T:
        """Return an item drawn by cumulative weights, like choices(...)[0] but faster."""
        return items[bisect.bisect(cum_weights, self.random() * cum_weights[-1])]


@dataclass(frozen=True)
class Country:
    """What the demo needs to know to name people and organisations of one country."""

    name: str
    adjective: str
    locale: str
    tld: str
    weight: float
    company_forms: tuple[str, str]  # (small company, large company)
    regions: tuple[str, ...]
    cities: tuple[str, ...]


# fmt: off
COUNTRIES: dict[str, Country] = {
    "DE": Country(
        "Germany", "German", "de_DE", "de", 22, ("GmbH", "AG"),
        ("Northern Germany", "Schleswig-Holstein", "Hamburg", "Mecklenburg-Vorpommern",
         "Berlin-Brandenburg", "Lower Saxony", "Bremen", "Saxony"),
        ("Hamburg", "Kiel", "Rostock", "Lübeck", "Bremen", "Berlin", "Flensburg", "Greifswald",
         "Hannover", "Dresden", "Wismar", "Stralsund"),
    ),
    "DK": Country(
        "Denmark", "Danish", "da_DK", "dk", 9, ("ApS", "A/S"),
        ("Funen", "Zealand", "North Jutland", "Central Denmark", "Southern Denmark", "Bornholm"),
        ("Copenhagen", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Kolding", "Vejle", "Roskilde"),
    ),
    "SE": Country(
        "Sweden", "Swedish", "sv_SE", "se", 10, ("AB", "AB"),
        ("Skåne", "West Sweden", "Stockholm-Mälardalen", "Norrbotten", "Småland", "Östergötland"),
        ("Stockholm", "Gothenburg", "Malmö", "Lund", "Umeå", "Luleå", "Linköping", "Karlskrona"),
    ),
    "NO": Country(
        "Norway", "Norwegian", "no_NO", "no", 6, ("AS", "ASA"),
        ("Western Norway", "Trøndelag", "Agder", "Northern Norway", "Viken"),
        ("Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Kristiansand", "Ålesund"),
    ),
    "FI": Country(
        "Finland", "Finnish", "fi_FI", "fi", 9, ("Oy", "Oyj"),
        ("Southwest Finland", "Uusimaa", "Ostrobothnia", "North Karelia", "Lapland", "Pirkanmaa"),
        ("Helsinki", "Turku", "Tampere", "Oulu", "Espoo", "Vaasa", "Kuopio", "Lahti"),
    ),
    "EE": Country(
        "Estonia", "Estonian", "et_EE", "ee", 6, ("OÜ", "AS"),
        ("Harju", "Tartu County", "Ida-Viru", "Pärnu County", "Saaremaa"),
        ("Tallinn", "Tartu", "Pärnu", "Narva", "Viljandi", "Kuressaare"),
    ),
    "LV": Country(
        "Latvia", "Latvian", "lv_LV", "lv", 6, ("SIA", "AS"),
        ("Kurzeme", "Vidzeme", "Latgale", "Zemgale", "Riga Region"),
        ("Riga", "Liepāja", "Ventspils", "Jelgava", "Daugavpils", "Valmiera"),
    ),
    "LT": Country(
        "Lithuania", "Lithuanian", "lt_LT", "lt", 7, ("UAB", "AB"),
        ("Klaipėda Region", "Kaunas Region", "Vilnius Region", "Šiauliai Region"),
        ("Vilnius", "Kaunas", "Klaipėda", "Šiauliai", "Panevėžys", "Palanga"),
    ),
    "PL": Country(
        "Poland", "Polish", "pl_PL", "pl", 10, ("sp. z o.o.", "S.A."),
        ("Pomerania", "West Pomerania", "Warmia-Masuria", "Mazovia", "Lower Silesia"),
        ("Gdańsk", "Gdynia", "Szczecin", "Sopot", "Olsztyn", "Warsaw", "Poznań", "Wrocław"),
    ),
    "IS": Country(
        "Iceland", "Icelandic", "is_IS", "is", 2, ("ehf.", "hf."),
        ("Capital Region", "Westfjords", "North Iceland", "Reykjanes"),
        ("Reykjavík", "Akureyri", "Hafnarfjörður", "Ísafjörður"),
    ),
    "NL": Country(
        "the Netherlands", "Dutch", "nl_NL", "nl", 1.2, ("B.V.", "N.V."),
        ("North Holland", "South Holland", "Groningen"),
        ("Rotterdam", "Amsterdam", "Eindhoven", "Groningen", "Delft"),
    ),
    "FR": Country(
        "France", "French", "fr_FR", "fr", 0.8, ("SAS", "SA"),
        ("Brittany", "Normandy", "Hauts-de-France"),
        ("Brest", "Nantes", "Lille", "Rennes", "Le Havre"),
    ),
    "UA": Country(
        "Ukraine", "Ukrainian", "", "ua", 1.0, ("LLC", "PJSC"),
        ("Odesa Region", "Lviv Region", "Kyiv Region"),
        ("Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro"),
    ),
    "GB": Country(
        "the United Kingdom", "British", "en_GB", "co.uk", 0.8, ("Ltd", "plc"),
        ("Scotland", "North East England", "Humber"),
        ("Aberdeen", "Edinburgh", "Hull", "Newcastle", "Glasgow"),
    ),
    "GR": Country(
        "Greece", "Greek", "", "gr", 0.4, ("IKE", "S.A."),
        ("Attica", "Central Macedonia", "Crete"),
        ("Athens", "Thessaloniki", "Piraeus", "Patras"),
    ),
}
# fmt: on

# Faker has no Latin-script names for these: transliterated names as registration forms show them.
LATIN_NAMES: dict[
    str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
] = {
    "UA": (
        ("Oleksandr", "Andrii", "Dmytro", "Serhii", "Mykola", "Taras", "Yurii", "Bohdan"),
        ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchuk", "Lysenko"),
        ("Olena", "Iryna", "Kateryna", "Oksana", "Nataliia", "Yuliia", "Sofiia", "Halyna"),
        ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchuk", "Lysenko"),
    ),
    "GR": (
        ("Georgios", "Dimitrios", "Konstantinos", "Nikolaos", "Ioannis", "Panagiotis"),
        ("Papadopoulos", "Georgiou", "Nikolaidis", "Karagiannis", "Vlachos", "Oikonomou"),
        ("Maria", "Eleni", "Katerina", "Sofia", "Dimitra", "Anastasia"),
        ("Papadopoulou", "Georgiou", "Nikolaidou", "Karagianni", "Vlachou", "Oikonomou"),
    ),
}

SECTORS: tuple[str, ...] = (
    "Aerospace & Defence",
    "Agri-food",
    "Construction",
    "Cultural & Creative Industries",
    "Digital",
    "Electronics",
    "Energy-Intensive Industries",
    "Renewable Energy",
    "Health",
    "Mobility, Transport & Automotive",
    "Proximity, Social Economy & Civil Security",
    "Retail",
    "Textile",
    "Tourism",
)
SECTOR_WEIGHTS: tuple[float, ...] = (4, 10, 6, 5, 16, 7, 5, 14, 11, 12, 3, 2, 2, 3)
SECTOR_CUM: tuple[float, ...] = tuple(itertools.accumulate(SECTOR_WEIGHTS))

# Words that name a cluster of the sector ("Maritime" Cluster, "Laser" Cluster, ...).
CLUSTER_WORDS: dict[str, tuple[str, ...]] = {
    "Aerospace & Defence": ("Aerospace", "Space", "Defence", "Drone", "Aviation"),
    "Agri-food": ("Food", "Agri-food", "Aquaculture", "Dairy", "Seafood", "Bioeconomy"),
    "Construction": ("Construction", "Timber Construction", "Smart Building", "Wood Building"),
    "Cultural & Creative Industries": ("Creative Industries", "Design", "Film", "Games", "Music"),
    "Digital": ("Digital", "ICT", "AI", "Software", "Cybersecurity", "Data", "Fintech"),
    "Electronics": ("Laser", "Photonics", "Electronics", "Microelectronics", "Sensor"),
    "Energy-Intensive Industries": ("Chemistry", "Plastics", "Materials", "Process Industry"),
    "Renewable Energy": ("Energy", "Wind Energy", "Offshore Wind", "Hydrogen", "Cleantech"),
    "Health": ("Life Science", "MedTech", "Health", "BioMed", "Biotech", "eHealth"),
    "Mobility, Transport & Automotive": ("Maritime", "Logistics", "Automotive", "Mobility"),
    "Proximity, Social Economy & Civil Security": ("Social Innovation", "Civil Security"),
    "Retail": ("Retail", "E-commerce", "Commerce"),
    "Textile": ("Textile", "Fashion", "Smart Textiles"),
    "Tourism": ("Tourism", "Coastal Tourism", "Hospitality", "Nature Tourism"),
}

# Words that end a company's name ("Aalborg Wind ApS", "Turku BioMed Oy").
COMPANY_WORDS: dict[str, tuple[str, ...]] = {
    "Aerospace & Defence": ("Aerospace", "Drones", "Avionics", "Space Systems", "Defence Tech"),
    "Agri-food": ("Foods", "Seafood", "Dairy", "AgriTech", "Aqua", "Organics"),
    "Construction": ("Bau", "Timber", "Building Systems", "Construction", "Modular Homes"),
    "Cultural & Creative Industries": ("Studios", "Design", "Media", "Games", "Sound"),
    "Digital": ("Robotics", "Software", "Data", "AI Labs", "Cloud", "Systems", "Analytics"),
    "Electronics": ("Photonics", "Sensors", "Electronics", "Laser", "Optics"),
    "Energy-Intensive Industries": ("Chemicals", "Polymers", "Steel", "Materials", "Glass"),
    "Renewable Energy": ("Wind", "Solar", "Hydrogen", "Energy", "Power", "Heat Pumps"),
    "Health": ("BioMed", "Pharma", "Diagnostics", "MedTech", "Therapeutics", "Health"),
    "Mobility, Transport & Automotive": ("Shipping", "Logistics", "Mobility", "Marine", "Rail"),
    "Proximity, Social Economy & Civil Security": ("Security", "Care", "Safety Solutions"),
    "Retail": ("Retail", "Commerce", "Trading", "Stores"),
    "Textile": ("Textiles", "Fibres", "Wear", "Knit"),
    "Tourism": ("Travel", "Hotels", "Experiences", "Tours"),
}

# Research fields of the sector ("Institute of Photonics", "Centre for Maritime Logistics").
RESEARCH_FIELDS: dict[str, tuple[str, ...]] = {
    "Aerospace & Defence": ("Aerospace Engineering", "Space Technology"),
    "Agri-food": ("Food Science", "Marine Bioeconomy", "Agricultural Technology"),
    "Construction": ("Building Technology", "Sustainable Construction"),
    "Cultural & Creative Industries": ("Design", "Media Studies"),
    "Digital": ("Computer Science", "Artificial Intelligence", "Cybersecurity"),
    "Electronics": ("Photonics", "Microsystems", "Applied Optics"),
    "Energy-Intensive Industries": ("Materials Science", "Process Engineering"),
    "Renewable Energy": ("Energy Systems", "Wind Energy", "Hydrogen Technologies"),
    "Health": ("Biomedicine", "Medical Technology", "Public Health"),
    "Mobility, Transport & Automotive": ("Maritime Logistics", "Transport Research"),
    "Proximity, Social Economy & Civil Security": ("Social Innovation", "Safety Research"),
    "Retail": ("Retail Management", "Consumer Research"),
    "Textile": ("Textile Engineering", "Fibre Research"),
    "Tourism": ("Tourism Research", "Regional Studies"),
}

PLACE_WORDS: tuple[str, ...] = (
    "Nordhafen",
    "Baltic",
    "Nordic",
    "Ostsee",
    "Hansa",
    "Amber",
    "Fjord",
    "Aurora",
    "Polar",
    "Seaside",
    "Birch",
    "Northwind",
    "Kattegat",
    "Skagerrak",
    "Gotland",
    "Lumen",
    "Tide",
)

CLUSTER_TEMPLATES: tuple[str, ...] = (
    "{word} Cluster {region}",
    "{adjective} {word} Cluster",
    "{word} Hub {city}",
    "{word} Valley {country}",
    "{word} Cluster {city}",
    "{region} {word} Network",
    "{region} {word} Cluster",
    "{city} {word} Alliance",
)
RESEARCH_TEMPLATES: tuple[str, ...] = (
    "University of {city}",
    "{city} University of Technology",
    "{city} University of Applied Sciences",
    "{adjective} Institute of {field}",
    "{city} Research Centre for {field}",
    "Institute for {field} {city}",
)
PUBLIC_TEMPLATES: tuple[str, ...] = (
    "{adjective} Ministry of Economic Affairs",
    "{region} Regional Development Agency",
    "City of {city} – Business Development",
    "{adjective} Business Agency",
    "{region} Economic Development Corporation",
    "Enterprise {country}",
    "{adjective} Agency for Innovation",
)
OTHER_TEMPLATES: tuple[str, ...] = (
    "{city} Chamber of Commerce",
    "{region} Business Association",
    "{place} Consulting",
    "{adjective} Federation of Industries",
    "{place} Media",
)

JOB_TITLES: dict[str, tuple[str, ...]] = {
    "cluster_organisation": (
        "Cluster Manager",
        "Managing Director",
        "Project Manager",
        "Innovation Manager",
        "Head of International Cooperation",
        "Business Development Manager",
        "Internationalisation Manager",
        "Communications Manager",
        "Project Coordinator",
    ),
    "sme": ("CEO", "Founder & CEO", "CTO", "Head of Sales", "Export Manager", "Co-founder"),
    "large_company": (
        "Head of Innovation",
        "Director Strategic Partnerships",
        "R&D Manager",
        "Key Account Manager",
        "Head of Open Innovation",
        "Vice President Business Development",
    ),
    "research": (
        "Professor",
        "Senior Researcher",
        "Research Fellow",
        "Head of Technology Transfer",
        "Postdoctoral Researcher",
        "Head of Department",
    ),
    "public_authority": (
        "Senior Advisor",
        "Head of Unit",
        "Policy Officer",
        "Programme Manager",
        "Regional Development Officer",
        "Deputy Director",
    ),
    "other": ("Consultant", "Senior Consultant", "Partner", "Advisor", "Managing Partner"),
    "press": ("Journalist", "Editor", "Correspondent", "Photographer"),
    "organiser": ("Event Manager", "Conference Coordinator", "Programme Officer"),
}

WORKSHOPS: tuple[tuple[str, str], ...] = (
    ("Smart Ports", "Smart Ports: Digitalising Baltic Port Logistics"),
    ("Green Hydrogen", "Green Hydrogen Valleys around the Baltic Sea"),
    ("Digital Twins", "Digital Twins for Manufacturing SMEs"),
    ("Circular Economy", "Circular Economy: From Pilot to Business Model"),
    ("Offshore Wind", "Offshore Wind Supply Chains: Where Clusters Fit In"),
    ("Artificial Intelligence", "AI in Industry: Cluster Support for First Movers"),
    ("Cluster Excellence", "Cluster Excellence: Preparing for the Gold Label"),
    ("Blue Bioeconomy", "Blue Bioeconomy: Algae, Fish Side-Streams and New Foods"),
    ("Cybersecurity", "Cybersecurity for SMEs under NIS2"),
    ("Funding", "Interreg Baltic Sea Region: The Next Call"),
    ("Health Data", "Health Data Spaces: Cross-Border Pilots"),
    ("Defence & Dual Use", "Dual-Use Technologies and Defence Procurement"),
    ("Batteries", "Battery Value Chains in the Nordics"),
    ("Skills", "Skills & Talent: Joint Cluster Academies"),
    ("Smart Cities", "Smart Cities: Living Labs Across Borders"),
    ("Timber Construction", "Timber Construction and the New European Bauhaus"),
)
ROOMS: tuple[str, ...] = (
    "Room Helsinki",
    "Room Riga",
    "Room Tallinn",
    "Room Vilnius",
    "Room Copenhagen",
    "Room Stockholm",
    "Room Oslo",
    "Room Gdańsk",
    "Hall A",
    "Hall B",
    "Salon Reykjavík",
    "Foyer Stage",
)
_TEMPLATES = {
    "cluster_organisation": CLUSTER_TEMPLATES,
    "research": RESEARCH_TEMPLATES,
    "public_authority": PUBLIC_TEMPLATES,
}
CHECKIN_POINTS: tuple[str, ...] = ("Main entrance", "Desk A", "Desk B")
FREE_MAIL: tuple[str, ...] = ("gmail.com", "outlook.com", "proton.me")

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


def _distinct(getter: object, size: int) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for _ in range(size):
        name = getter()  # type: ignore[operator]
        # Faker's de_DE has a few nobility artefacts such as 'auch Schlauchin'.
        if not name[:1].islower():
            seen.setdefault(name, None)
    return tuple(seen)
