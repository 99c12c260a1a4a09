"""Every component id of the app, in one place: kebab-case, prefixed by page."""

# shell
URL = "shell-url"
STATE = "shell-state"
LANG = "shell-lang"
NAV = "shell-nav"
PAGE = "shell-page"
PAGE_KEY = "shell-page-key"
REFRESH = "shell-refresh"
CLICK = "shell-click"
FILTER_BAR = "filter-bar"
FILTER_EVENT = "filter-event"
FILTER_COUNTRY = "filter-country"
FILTER_SECTOR = "filter-sector"
FILTER_ORG_TYPE = "filter-org-type"
FILTER_CLEAR = "filter-clear"
FILTER_NOTICE = "filter-notice"
FILTER_LABELS = "filter-labels"
FILTER_COMPARE = "filter-compare"
FILTER_CHIPS = "filter-chips"
BRAND = "shell-brand"
LANG_TOGGLE = "shell-lang-toggle"
LOGOUT = "shell-logout"
NAV_TOGGLER = "shell-nav-toggler"
NAV_COLLAPSE = "shell-nav-collapse"

FILTERS = {
    "country": FILTER_COUNTRY,
    "sector": FILTER_SECTOR,
    "org_type": FILTER_ORG_TYPE,
}

# overview
OVERVIEW_STATUS = "overview-status"
OVERVIEW_KPIS = "overview-kpis"
OVERVIEW_RENDERED = "overview-rendered"
OVERVIEW_REGISTRATIONS = "overview-registrations"

# charts whose clicks filter every page: pattern-matching ids
FILTER_CHART = "filter-chart"
FILTER_CHIP = "filter-chip"
DRILL_CHART = "drill-chart"
DRILL_CRUMB = "drill-crumb"


def filter_chart(page: str, dimension: str) -> dict[str, str]:
    """The id of a chart on a page whose bars stand for values of a filter dimension.

    A chart whose elements stand for a pair of values (a heatmap) joins both
    dimensions with "+" ("country+sector"); its cells send [value, value] as customdata,
    or (a heatmap, whose customdata Dash does not send) hold the first value on the y
    axis and the second on the x axis, as raw values labelled with ticktext.
    """
    return {"type": FILTER_CHART, "page": page, "dimension": dimension}


def filter_chip(dimension: str, value: str) -> dict[str, str]:
    """The id of an active filter's chip, whose click removes the filter."""
    return {"type": FILTER_CHIP, "dimension": dimension, "value": value}


def drill_chart(page: str) -> dict[str, str]:
    """The id of a page's drill-down chart: a click goes one level down the drill path."""
    return {"type": DRILL_CHART, "page": page}


def drill_crumb(page: str, level: int) -> dict[str, object]:
    """The id of a breadcrumb step: a click steps the drill path back to that level."""
    return {"type": DRILL_CRUMB, "page": page, "level": level}


def info(page: str, key: str) -> str:
    """The id of a definition's info button on a page (its popover targets it)."""
    return f"{page}-info-" + "".join(c if c.isalnum() else "-" for c in key.lower())


# participants (statistics page)
PARTICIPANTS_STATUS = "participants-status"
PARTICIPANTS_KPIS = "participants-kpis"
PARTICIPANTS_RENDERED = "participants-rendered"
PARTICIPANTS_CRUMBS = "participants-crumbs"
PARTICIPANTS_DOWNLOAD = "participants-download"
PARTICIPANTS_DOWNLOAD_FILE = "participants-download-file"
PARTICIPANTS_REGISTRATIONS = "participants-registrations"
PARTICIPANTS_CHECKINS_DAY = "participants-checkins-day"
PARTICIPANTS_CHECKINS_HOUR = "participants-checkins-hour"

# matchmaking
MATCHMAKING_STATUS = "matchmaking-status"
MATCHMAKING_DOWNLOAD = "matchmaking-download"
MATCHMAKING_DOWNLOAD_FILE = "matchmaking-download-file"
MATCHMAKING_NOTICE = "matchmaking-notice"
MATCHMAKING_PAIR = "matchmaking-pair"
MATCHMAKING_PAIR_CLEAR = "matchmaking-pair-clear"
MATCHMAKING_REQUEST_KPIS = "matchmaking-request-kpis"
MATCHMAKING_MEETING_KPIS = "matchmaking-meeting-kpis"
MATCHMAKING_RENDERED = "matchmaking-rendered"
MATCHMAKING_FUNNEL = "matchmaking-funnel"
MATCHMAKING_FLOWS_COUNTRY = "matchmaking-flows-country"
MATCHMAKING_FLOWS_SECTOR = "matchmaking-flows-sector"
MATCHMAKING_FLOWS = {"country": MATCHMAKING_FLOWS_COUNTRY, "sector": MATCHMAKING_FLOWS_SECTOR}
MATCHMAKING_FLOWS_NOTE = "matchmaking-flows-note"
MATCHMAKING_OVER_TIME = "matchmaking-over-time"
MATCHMAKING_RESPONSE_TIMES = "matchmaking-response-times"
MATCHMAKING_PER_PARTICIPANT = "matchmaking-per-participant"
MATCHMAKING_PROBLEMS = "matchmaking-problems"
MATCHMAKING_ROUNDS = "matchmaking-rounds"
MATCHMAKING_ROUNDS_SUMMARY = "matchmaking-rounds-summary"
MATCHMAKING_ROUNDS_NOTE = "matchmaking-rounds-note"
MATCHMAKING_ROUNDS_RENDERED = "matchmaking-rounds-rendered"
MATCHMAKING_UNMATCHED = "matchmaking-unmatched"
MATCHMAKING_UNMATCHED_GRID = "matchmaking-unmatched-grid"

# workshops
WORKSHOPS_STATUS = "workshops-status"
WORKSHOPS_DOWNLOAD = "workshops-download"
WORKSHOPS_DOWNLOAD_FILE = "workshops-download-file"
WORKSHOPS_NOTICE = "workshops-notice"
WORKSHOPS_KPIS = "workshops-kpis"
WORKSHOPS_RENDERED = "workshops-rendered"
WORKSHOPS_GROUP = "workshops-group"
WORKSHOPS_FILL = "workshops-fill"
WORKSHOPS_SELECTED = "workshops-selected"
WORKSHOPS_DETAIL = "workshops-detail"
WORKSHOPS_DETAIL_TITLE = "workshops-detail-title"
WORKSHOPS_PEOPLE = "workshops-people"
WORKSHOPS_DETAIL_SMALL = "workshops-detail-small"
WORKSHOPS_PROBLEMS = "workshops-problems"

# tables and data quality
TABLES_TABS = "tables-tabs"
TABLES_TOOLBAR = "tables-toolbar"
TABLES_SEARCH = "tables-search"
TABLES_PROBLEM = "tables-problem"
TABLES_PROBLEM_BAR = "tables-problem-bar"
TABLES_PROBLEM_TEXT = "tables-problem-text"
TABLES_PROBLEM_CLEAR = "tables-problem-clear"
TABLES_PANEL = "tables-panel"
TABLES_QUALITY = "tables-quality"
TABLES_VERSION = "tables-version"
TABLES_PURGED = "tables-purged"
# pattern-matching ids, one per table: {"type": TABLES_GRID, "table": "people"}
TABLES_GRID = "tables-grid"
TABLES_COUNT = "tables-count"
TABLES_MESSAGE = "tables-message"
TABLES_CSV = "tables-csv"
TABLES_XLSX = "tables-xlsx"
TABLES_QUALITY_OPEN = "tables-quality-open"


def tables_part(part: str, table: str) -> dict[str, str]:
    """The id of one table's grid, count, message or download link."""
    return {"type": part, "table": table}


def tables_problem(key: str) -> dict[str, str]:
    """The id of the button that opens the rows of a data-quality problem."""
    return {"type": TABLES_QUALITY_OPEN, "problem": key}


# wall screen (a Dash app of its own at /wall/)
WALL_ROOT = "wall-root"
WALL_URL = "wall-url"
WALL_CONFIG = "wall-config"
WALL_SCREEN = "wall-screen"
WALL_RENDERED = "wall-rendered"
WALL_BEAT = "wall-beat"
WALL_REFRESH = "wall-refresh"
WALL_TICK = "wall-tick"
WALL_EVENT = "wall-event"
WALL_CLOCK = "wall-clock"
WALL_AS_OF = "wall-as-of"
WALL_BANNER = "wall-banner"
WALL_OFFLINE = "wall-offline"
WALL_HAPPENINGS = "wall-happenings"
WALL_PROGRESS = "wall-progress"
WALL_PROGRESS_BAR = "wall-progress-bar"
WALL_PANEL_PARTS = ("panel", "title", "numbers", "meters-title", "meters", "chart-title", "chart")


def wall_part(part: str, panel: str) -> str:
    """The id of one part of a wall panel ("panel", "title", "numbers", ... "chart", "dot")."""
    return f"wall-{part}-{panel}"
