"""The participants page's KPI tiles: counts as the viewer's role may see them, and changes."""

from __future__ import annotations

from dataclasses import replace

from dashboard import definitions, i18n, metrics, privacy, views
from dashboard import participants_tables as pt
from dashboard.auth import STAFF
from dashboard.event_data import EventCubes


def _delta(now: int, before: int, hidden: tuple[bool, bool], lang: str) -> tuple[str, int]:
    """The change against the compared event, and its sign; none where a count is hidden."""
    previous = privacy.SUPPRESSED if hidden[1] else i18n.fmt_int(before, lang)
    if any(hidden):
        return i18n.t("participants.delta.hidden", lang, previous=previous), 0
    diff = now - before
    pct = i18n.fmt_pct(metrics.ratio(diff, before), lang)
    signed = {1: "+", 0: "±", -1: ""}[(diff > 0) - (diff < 0)] + i18n.fmt_int(diff, lang)
    text = i18n.t("participants.delta", lang, diff=signed, pct=pct, previous=previous)
    return text, (diff > 0) - (diff < 0)


def _kpi(
    scope: pt.Scope, key: str, label: str, values: tuple[int, int | None], sub: str = ""
) -> views.Kpi:
    """A tile counting persons: the count as the role may see it, its definition, its change."""
    lang, attrs = scope.lang, scope.attributes()
    n, before = values
    delta, trend = "", 0
    if before is not None:
        hidden = (privacy.hidden(n, scope.role, attrs), privacy.hidden(before, scope.role, attrs))
        delta, trend = _delta(n, before, hidden, lang)
    info = definitions.text(f"participants.{key}", lang)
    return views.Kpi(key, label, privacy.shown(n, scope.role, attrs, lang), sub, info, delta, trend)


def _share(scope: pt.Scope, cubes: EventCubes, host: str | None) -> float | None:
    outside, known = pt.outside_host(cubes, scope.filters, host)
    if known < privacy.SMALL and privacy.suppresses(scope.role) and scope.attributes() >= 2:
        return None
    return metrics.ratio(outside, known)


def kpis(scope: pt.Scope, host: str | None) -> list[views.Kpi]:
    """The page's tiles: participants, confirmed, checked in, countries, organisations, share."""
    lang, t = scope.lang, i18n.t
    now = metrics.participant_summary(scope.cubes, scope.filters)
    then = metrics.participant_summary(scope.compare, scope.filters) if scope.compare else {}
    pair = {key: (now[key], then.get(key)) for key in now}
    small = privacy.suppresses(scope.role) and now["active"] < privacy.SMALL
    rate = None if small else metrics.ratio(now["checked_in"], now["active"])
    arrival = t("participants.kpi.arrival", lang, rate=i18n.fmt_pct(rate, lang))
    clusters = t("participants.kpi.clusters", lang, n=i18n.fmt_int(now["clusters"], lang))
    # Countries and organisations are not persons: their counts are exact for every role.
    exact = replace(scope, role=STAFF)
    return [
        _kpi(scope, "active", t("kpi.active", lang), pair["active"]),
        _kpi(scope, "confirmed", t("kpi.confirmed", lang), pair["confirmed"]),
        _kpi(scope, "checked_in", t("kpi.checked_in", lang), pair["checked_in"], arrival),
        _kpi(exact, "countries", t("kpi.countries", lang), pair["countries"]),
        _kpi(
            exact,
            "organisations",
            t("participants.kpi.organisations", lang),
            pair["organisations"],
            clusters,
        ),
        _outside_kpi(scope, host),
    ]


def _outside_delta(scope: pt.Scope, share: float | None, host: str | None) -> tuple[str, int]:
    """The change in points; each edition's share is from outside its own host country."""
    compare = scope.compare
    other_host = pt.host_country(compare) if compare is not None else None
    before = _share(scope, compare, other_host) if compare is not None else None
    if share is None or before is None:
        return "", 0
    points = round((share - before) * 100)
    values = {"diff": f"{points:+d}", "previous": i18n.fmt_pct(before, scope.lang)}
    text = i18n.t("participants.delta.points", scope.lang, **values)
    if other_host and other_host != host:
        country = i18n.country_name(other_host, scope.lang)
        text += " " + i18n.t("participants.kpi.outside.sub", scope.lang, country=country)
    return text, (points > 0) - (points < 0)


def _outside_kpi(scope: pt.Scope, host: str | None) -> views.Kpi:
    lang = scope.lang
    share = _share(scope, scope.cubes, host)
    delta, trend = _outside_delta(scope, share, host)
    country = i18n.country_name(host, lang) if host else "–"
    return views.Kpi(
        "outside",
        i18n.t("participants.kpi.outside", lang),
        i18n.fmt_pct(share, lang),
        i18n.t("participants.kpi.outside.sub", lang, country=country),
        definitions.text("participants.outside_host", lang),
        delta,
        trend,
    )
