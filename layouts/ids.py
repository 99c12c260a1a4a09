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
BRAND = "shell-brand"
LANG_TOGGLE = "shell-lang-toggle"

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


def filter_chart(page: str, dimension: str) -> dict[str, str]:
    """The id of a chart on a page whose bars stand for values of a filter dimension."""
    return {"type": FILTER_CHART, "page": page, "dimension": dimension}

# participants (statistics page)

# matchmaking

# workshops

# tables and data quality

# wall screen (a Dash app of its own at /wall/)
