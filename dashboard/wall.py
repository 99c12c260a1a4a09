"""The wall screen: its settings from the URL, which event it shows, and its view at a moment.

A refresh first asks the cheap data version; when neither it nor the quarter hour
changed since the screen last drew, the screen only learns the time of the look.
Otherwise the view is drawn from the shared cubes (one database computation per
change for every screen), or from the last good cubes with a banner saying since
when they are stale.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass
from urllib.parse import parse_qs

import sqlalchemy as sa

from dashboard import i18n, metrics, views, vocab
from dashboard.event_data import Event, EventCubes, zone_or_utc
from dashboard.service import DataService, DataUnavailable, Snapshot
from dashboard.state import ViewState
from dashboard.wall_happenings import happenings
from dashboard.wall_matchmaking import matchmaking_panel
from dashboard.wall_model import EMPTY_WALL_CUBES, EVERYONE, Moment, Panel, WallCubes
from dashboard.wall_panels import arrivals_panel, map_panel, registrations_panel, workshops_panel
from data import wall_queries

log = logging.getLogger(__name__)

PANELS = ("arrivals", "registrations", "matchmaking", "workshops", "map")
ROTATE_S, ROTATE_LIMITS = 20, (5, 3600)
REFRESH_LIMITS = (1, 600)
QUARTER_S = 900


@dataclass(frozen=True)
class WallConfig:
    """How a wall screen was asked to behave, from its URL."""

    event: int | None = None
    rotate_s: int = ROTATE_S
    panel: str | None = None
    refresh_s: int = 5
    lang: str = "en"
    reload_hours: float = 6.0

    def as_store(self) -> dict[str, object]:
        """Plain values for a dcc.Store, and the texts the browser writes itself (no wall key)."""
        texts = {"offline": i18n.t("wall.offline", self.lang)}
        return {**asdict(self), "panels": list(PANELS), "texts": texts}

    @classmethod
    def from_store(cls, data: dict) -> WallConfig:
        """The config a store holds; the browser sends it back, so it is checked again."""

        def whole(name: str, default: int, limits: tuple[int, int]) -> int:
            value = data.get(name)
            ok = isinstance(value, int) and limits[0] <= value <= limits[1]
            return value if ok else default

        panel, hours = data.get("panel"), data.get("reload_hours")
        return cls(
            event=whole("event", 0, (1, 2**31 - 1)) or None,
            rotate_s=whole("rotate_s", ROTATE_S, ROTATE_LIMITS),
            panel=panel if panel in PANELS else None,
            refresh_s=whole("refresh_s", 5, REFRESH_LIMITS),
            lang=i18n.language(data.get("lang")),
            reload_hours=float(hours) if isinstance(hours, int | float) and hours > 0 else 6.0,
        )


def screen_height(value: object) -> int:
    """The screen height the browser reports, within sane limits (1080 when unusable)."""
    if isinstance(value, int | float) and 200 <= value <= 10_000:
        return int(value)
    return 1080


def _whole(values: list[str], default: int, limits: tuple[int, int]) -> int:
    raw = values[-1].strip() if values else ""
    if not raw.isdigit():
        return default
    return min(max(int(raw), limits[0]), limits[1])


def parse_config(
    search: object, refresh_s: int = 5, reload_hours: float = 6.0, default_lang: str = "en"
) -> WallConfig:
    """Read ?event=, ?rotate=, ?panel=, ?refresh= and ?lang=; unusable values fall back."""
    text = search if isinstance(search, str) else ""
    params = parse_qs(text[:2000].lstrip("?"), max_num_fields=50)
    event = _whole(params.get("event", []), 0, (0, 2**31 - 1)) or None
    panel = (params.get("panel") or [""])[-1].strip().lower()
    lang = (params.get("lang") or [default_lang])[-1]
    return WallConfig(
        event=event,
        rotate_s=_whole(params.get("rotate", []), ROTATE_S, ROTATE_LIMITS),
        panel=panel if panel in PANELS else None,
        refresh_s=_whole(params.get("refresh", []), refresh_s, REFRESH_LIMITS),
        lang=i18n.language(lang),
        reload_hours=reload_hours,
    )


def load_wall_cubes(conn: sa.Connection, event: Event) -> WallCubes:
    """Run the wall's own queries and keep the rows that count (metrics.md statuses)."""

    def read(frame, vocabulary, keep):
        status = vocab.mapped(frame["status"], lambda raw: vocab.read_status(raw, vocabulary))
        return frame[status.isin(keep)].drop(columns="status").reset_index(drop=True)

    accepted = (vocab.REQUEST_STATUSES, ("accepted",))
    return WallCubes(
        slots=read(wall_queries.meeting_slots(conn, event.id), *accepted),
        answers=read(wall_queries.answers(conn, event.id), *accepted),
        arrivals=read(
            wall_queries.first_arrivals(conn, event.id, event.day_starts()),
            vocab.STATUSES,
            vocab.ACTIVE,
        ),
    )


@dataclass(frozen=True)
class WallView:
    """Everything one wall screen shows."""

    event_name: str
    zone: str
    as_of: str
    banner: str | None
    panels: tuple[Panel, ...]
    happenings: tuple[str, ...]


@dataclass(frozen=True)
class Refresh:
    """What a refresh changes: a new view, or only the time of the last look (or nothing)."""

    key: dict
    as_of: str | None
    view: WallView | None


def as_of(moment: dt.datetime, zone: dt.tzinfo, lang: str) -> str:
    """'Data as of HH:MM:SS' in the event's zone."""
    return i18n.t("wall.as_of", lang, time=i18n.fmt_time(moment.astimezone(zone), lang))


def banner(snapshot: Snapshot, zone: dt.tzinfo, lang: str) -> str | None:
    """Why the figures are not current, in words fit for a public room (no error text)."""
    if snapshot.problem is None:
        return None if snapshot.cubes is not None else i18n.t("wall.no_event", lang)
    reason = i18n.t("wall.reason.slow" if snapshot.slow else "wall.reason.unreachable", lang)
    if snapshot.cubes is None:
        return i18n.t("wall.unavailable", lang, reason=reason)
    since = (snapshot.stale_since or dt.datetime.now(dt.UTC)).astimezone(zone)
    return i18n.t("wall.stale", lang, time=since.strftime("%H:%M"), reason=reason)


def wall_cubes(service: DataService, event: Event, version: str | None) -> WallCubes:
    """The wall's own cubes at the snapshot's version (cached like the event cubes)."""
    if version is None:
        return EMPTY_WALL_CUBES
    try:
        return service.cached(
            f"wall:{event.id}", version, lambda conn: load_wall_cubes(conn, event)
        )
    except DataUnavailable as exc:
        log.warning("wall cubes unavailable: %s", exc)
        return EMPTY_WALL_CUBES


def build_view(service: DataService, snapshot: Snapshot, at: Moment) -> WallView:
    """The wall for a snapshot: every panel, the happenings, the header and the banner."""
    cubes: EventCubes | None = snapshot.cubes
    if cubes is None:
        return WallView("", "UTC", "", banner(snapshot, dt.UTC, at.lang), (), ())
    zone = cubes.event.zone
    wall = wall_cubes(service, cubes.event, snapshot.version)
    workshops = metrics.workshop_figures(cubes, EVERYONE)
    panels = (
        arrivals_panel(cubes, wall, at),
        registrations_panel(cubes, at),
        matchmaking_panel(cubes, wall, at),
        workshops_panel(workshops, cubes.event, at),
        map_panel(cubes, at),
    )
    checked = snapshot.checked_at or at.now
    return WallView(
        cubes.event.name,
        zone.key,
        as_of(checked, zone, at.lang),
        banner(snapshot, zone, at.lang),
        panels,
        happenings(cubes, wall, workshops, at),
    )


def _basis(config: WallConfig, screen: int, now: dt.datetime, version, stale_since) -> dict:
    # What the drawing depends on; the quarter hour lets "now" move the rounds and windows on.
    return {
        "config": config.as_store(),
        "screen": screen,
        "quarter": int(now.timestamp() // QUARTER_S),
        "version": version,
        "stale_since": stale_since.isoformat() if stale_since else None,
    }


def _event_id(service: DataService, config: WallConfig, now: dt.datetime, last: dict | None):
    try:
        events = service.events()
    except DataUnavailable:
        return (last or {}).get("event", config.event)
    chosen = views.choose_event(ViewState(event=config.event), events, now.date())
    return chosen.id if chosen else None


def refresh(
    service: DataService,
    config: WallConfig,
    screen: int,
    rendered: dict | None,
    now: dt.datetime,
) -> Refresh:
    """Redraw only what changed since the screen's last drawing (`rendered`, its key)."""
    drawn = rendered.get("basis") if isinstance(rendered, dict) else None
    drawn = drawn.get("version") if isinstance(drawn, dict) else None
    basis = _basis(config, screen, now, service.peek_settled(drawn), None)
    if rendered and rendered.get("basis") == basis:
        zone = zone_or_utc(rendered.get("zone"))
        return Refresh(rendered, as_of(now, zone, config.lang), None)
    event_id = _event_id(service, config, now, rendered)
    snapshot = service.snapshot(event_id)
    key = {
        "basis": _basis(config, screen, now, snapshot.version, snapshot.stale_since),
        "event": event_id,
        "zone": snapshot.cubes.event.zone.key if snapshot.cubes else "UTC",
    }
    if rendered and all(rendered.get(name) == value for name, value in key.items()):
        return Refresh(rendered, None, None)
    view = build_view(service, snapshot, Moment(now, config.lang, screen))
    key["basis"]["version"] = service.settled(snapshot.version)
    return Refresh(key, None, view)
