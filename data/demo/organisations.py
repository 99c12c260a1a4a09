"""The organisations at the conference: clusters first, then their members and the others."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from data.contract import SECTORS
from data.demo import names
from data.demo.countries import COUNTRIES
from data.demo.dice import Dice
from data.demo.vocabulary import SECTOR_CUM
from data.demo.world import COUNTRY_CODES, MESS_SHARE, random_country

# Organisations per participant of the current edition: a cluster-to-cluster conference.
ORGS_PER_PARTICIPANT = {
    "cluster_organisation": 0.66,
    "sme": 0.09,
    "large_company": 0.03,
    "research": 0.06,
    "public_authority": 0.04,
    "other": 0.03,
}
CLUSTER_MEMBERSHIP = {"sme": 0.85, "large_company": 0.7, "research": 0.5, "public_authority": 0.1}
ORG_MESS = (
    "country_lower",
    "country_space",
    "country_invalid",
    "sector_case",
    "sector_unknown",
    "sector_null",
    "type_null",
    "type_variant",
)
EU_CODES = {"GB": "UK", "GR": "EL"}  # what EU registration systems write for GB and GR


@dataclass(slots=True)
class Org:
    """An organisation as generated, before its row is made messy."""

    id: int
    name: str
    country: str
    sector: str
    org_type: str
    cluster_id: int | None
    domain: str


def make_organisations(rng: Dice, size: int) -> list[Org]:
    """Create the clusters first, then their members, research bodies, authorities, others."""
    orgs: list[Org] = []
    clusters: dict[str, list[Org]] = {}
    used: set[str] = set()
    for org_type, per_participant in ORGS_PER_PARTICIPANT.items():
        for _ in range(max(3, round(size * per_participant))):
            # Every country, guests included, has a cluster at the conference.
            index = len(orgs)
            country = COUNTRY_CODES[index] if index < len(COUNTRY_CODES) else random_country(rng)
            org = _organisation(rng, index + 1, org_type, country, clusters, used)
            orgs.append(org)
            if org_type == "cluster_organisation":
                clusters.setdefault(org.country, []).append(org)
    return orgs


def _organisation(
    rng: Dice,
    org_id: int,
    org_type: str,
    country: str,
    clusters: dict[str, list[Org]],
    used: set[str],
) -> Org:
    cluster = None
    if clusters.get(country) and rng.random() < CLUSTER_MEMBERSHIP.get(org_type, 0.0):
        cluster = rng.pick(clusters[country])
    sector = cluster.sector if cluster and rng.random() < 0.8 else rng.weighted(SECTORS, SECTOR_CUM)
    for _ in range(2):  # another try for a name not taken; at scale some repeat, as in life
        name = names.organisation_name(rng, org_type, sector, country)
        if name not in used:
            break
    used.add(name)
    cluster_id = cluster.id if cluster else None
    return Org(org_id, name, country, sector, org_type, cluster_id, names.org_domain(name, country))


def organisation_rows(rng: Dice, orgs: list[Org]) -> Iterator[dict]:
    """Yield the organisations rows, a few of them as messy as real registration data."""
    forced = dict(zip(rng.sample(range(len(orgs)), len(ORG_MESS)), ORG_MESS, strict=True))
    smes = [index for index, org in enumerate(orgs) if org.org_type in ("sme", "research")]
    forced[rng.pick(smes)] = "type_variant"  # 'SME', 'University'
    for index, org in enumerate(orgs):
        kind = forced.get(index)
        if kind is None and rng.random() < MESS_SHARE:
            kind = rng.pick(ORG_MESS)
        yield _messy_org(rng, org, kind)


def _messy_org(rng: Dice, org: Org, kind: str | None) -> dict:
    row = {
        "id": org.id,
        "name": org.name,
        "country_code": EU_CODES.get(org.country, org.country),
        "sector": org.sector,
        "org_type": org.org_type,
        "cluster_id": org.cluster_id,
    }
    if kind in ("country_lower", "country_space"):
        row["country_code"] = (" " if kind == "country_space" else "") + org.country.lower()
    elif kind == "country_invalid":
        country_name = COUNTRIES[org.country].name
        row["country_code"] = country_name if len(country_name) <= 8 else rng.pick(("XX", "??"))
    elif kind == "sector_case":
        row["sector"] = org.sector.lower() + " "
    elif kind == "sector_unknown":
        row["sector"] = rng.pick(("Blue Economy", "Bioeconomy", "Maritime", "n/a"))
    elif kind in ("sector_null", "type_null"):
        row[kind.removesuffix("_null").replace("type", "org_type")] = None
    elif kind == "type_variant":
        variants = {"sme": "SME", "research": "University", "public_authority": "Public Authority"}
        row["org_type"] = variants.get(org.org_type, org.org_type.replace("_", " ").title())
    return row
