"""How domain apps plug into the shell without the shell knowing them.

An app plugs in from its own folder; the project names it once, in INSTALLED_APPS:

- its permissions and the roles holding them: `<app>/permissions.py`, registered in its
  AppConfig.ready() with `register_permissions(app_label, PERMISSIONS)`;
- its navigation entry (`register_nav`) and its "my work" provider (`register_work_provider`),
  in its AppConfig.ready();
- its pages: `<app>/urls.py` with `app_name` and `URL_PREFIX` ("rounds/"), mounted by the
  project's urls.py (`app_urlpatterns`);
- its API: `<app>/api.py` with a django-ninja `router` (and `PREFIX`, the app's label by
  default), mounted under /api/v1/ (`api_routers`);
- its part of reports: `register_report_section(ReportSection(...))`, asked by documents for
  a unit's own report and for the consolidated report;
- its figures: `register_figure(Figure(...))`, what its records count (sessions, participants,
  people supported), offered to the round's number fields and the indicators so a figure is
  counted from the records rather than typed again.

The "my work" contract: a provider is `provider(user) -> list[WorkItem]`, every item the user
must act on (up to MAX_WORK_ITEMS). Each item says which kind of work it is (a WorkKind: one
group on the home page, with its count) and which unit it is for (the OrgUnit itself: the shell
names it with its district or province, "Phòng Y tế · Huyện Vị Xuyên"). An item without a kind
falls in its app's group; a unit given as text is shown as it is.

A provider whose items follow only rows of its own app (and the user's scope) names the
generations every write of those rows counts on (`register_work_provider(provider,
kept_under=(...))`, see `memo.CountedModel`): with a shared cache its items are then kept per
user, language and day under them and under the user's scope (`scoping.scope_generations`),
and worked out again at the request after any of them moves on.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import import_module

from django.apps import apps
from django.urls import URLPattern, URLResolver, include, path
from django.utils.module_loading import module_has_submodule

from binhdang.accounts.permissions import register_permissions

__all__ = [
    "MAX_WORK_ITEMS",
    "NavEntry",
    "ReportPart",
    "ReportSection",
    "Figure",
    "WorkItem",
    "WorkKind",
    "api_routers",
    "app_urlpatterns",
    "figure",
    "figures",
    "register_figure",
    "register_nav",
    "register_permissions",
    "register_report_section",
    "register_work_provider",
    "report_sections",
]

# A provider lists at most this many items; the home page shows a few per kind and the whole
# list of one kind on demand.
MAX_WORK_ITEMS = 500


@dataclass(frozen=True)
class NavEntry:
    label: str  # lazy translation
    url_name: str
    # Shown to users holding any of these permissions on some unit (None: to everyone).
    permission: str | tuple[str, ...] | None = None
    order: int = 100
    # The app's own gate, when its pages apply a rule of their own beyond the permission
    # (e.g. cases refuse system administrators): the entry shows only if it says yes.
    visible_to: Callable[[object], bool] | None = None

    def shown_to(self, user) -> bool:
        """Whether the entry is in `user`'s menu: the permission and the app's gate."""
        from binhdang.accounts.scoping import has_permission

        if self.permission:
            wanted = (self.permission,) if isinstance(self.permission, str) else self.permission
            if not any(has_permission(user, p) for p in wanted):
                return False
        return self.visible_to is None or bool(self.visible_to(user))


@dataclass(frozen=True)
class WorkKind:
    """A kind of work: one group of "my work", e.g. "Đánh giá chỉ tiêu (35)"."""

    key: str  # stable, in the address of the group's full list: "indicator-assessments"
    label: str  # lazy translation
    order: int = 100


@dataclass
class WorkItem:
    title: str
    url: str
    due: date | None = None
    unit: object = ""  # the OrgUnit the work is for (or its name)
    status: str = ""
    status_css: str = ""
    detail: str = ""
    sort_key: tuple = field(default=())
    kind: WorkKind | None = None


NAV: list[NavEntry] = []
WORK_PROVIDERS: list[Callable[[object], list[WorkItem]]] = []
# The generations a provider's items are kept under (providers not named: never kept).
WORK_KEPT_UNDER: dict[Callable, tuple[str, ...]] = {}


def register_nav(entry: NavEntry) -> None:
    if entry not in NAV:
        NAV.append(entry)
        NAV.sort(key=lambda e: e.order)


def register_work_provider(
    provider: Callable[[object], list[WorkItem]], kept_under: Sequence[str] = ()
) -> None:
    if provider not in WORK_PROVIDERS:
        WORK_PROVIDERS.append(provider)
    if kept_under:
        WORK_KEPT_UNDER[provider] = tuple(kept_under)


# ---------------------------------------------------------------- report sections


@dataclass
class ReportPart:
    """What a section puts in a report: paragraphs (text, or `documents.engine.Paragraph`),
    images (`documents.engine.DocImage`) and annex tables, in the document's language
    (Vietnamese)."""

    paragraphs: list
    images: list = field(default_factory=list)
    # Annex tables (`documents.engine.AnnexTable`) the document numbers and places among its
    # annexes: the detail a reader looks up, so the section itself stays a few paragraphs.
    annexes: list = field(default_factory=list)


@dataclass(frozen=True)
class ReportSection:
    """A numbered part an app adds to the results of a report: inside the task area it names
    (`area`), or as a section of its own after the form's sections.

    `build_for_unit(submission)` for a unit's own report, `build_consolidated(report, *, user,
    with_charts)` for the consolidated report of a round; each returns a ReportPart, or None
    when it has nothing to say (or the user may not read it). Either may be left out."""

    key: str
    title: str  # as printed in the document
    order: int = 100
    build_for_unit: Callable[..., ReportPart | None] | None = None
    build_consolidated: Callable[..., ReportPart | None] | None = None
    # The task area (the number of the round's form section, "1" for communication in the
    # seed's layout) the part belongs to: placed inside that area, as its sub-part, when the
    # round's form has it, else a section of its own.
    area: str = ""


REPORT_SECTIONS: list[ReportSection] = []


def register_report_section(section: ReportSection) -> None:
    """Add (or replace, by key) a report section."""
    REPORT_SECTIONS[:] = [s for s in REPORT_SECTIONS if s.key != section.key] + [section]
    REPORT_SECTIONS.sort(key=lambda s: (s.order, s.key))


def report_sections() -> list[ReportSection]:
    return list(REPORT_SECTIONS)


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figure:
    """A number an app counts from its records, e.g. the sessions of a unit's communication
    activities.

    `compute(unit_ids, start, end)` gives, for each unit id, the figure over that unit's own
    records dated within [start, end] (inclusive; None leaves that end open), in one aggregate
    query; a unit without records may be absent (it counts 0). `records_url(unit_id, start,
    end)` is the page listing those records. `data_element` (with `disaggregation`) names the
    indicators' data element the figure measures, if any."""

    key: str  # stable, stored on the round's number fields: "communication.sessions"
    label: str  # lazy translation
    compute: Callable[[Sequence[int], date | None, date | None], dict[int, Decimal]]
    records_url: Callable[[int, date | None, date | None], str] | None = None
    unit_of_measure: str = ""
    data_element: str = ""
    disaggregation: str = "total"
    order: int = 100


FIGURES: dict[str, Figure] = {}


def register_figure(item: Figure) -> None:
    """Add (or replace, by key) a figure."""
    FIGURES[item.key] = item


def figures() -> list[Figure]:
    return sorted(FIGURES.values(), key=lambda f: (f.order, f.key))


def figure(key: str) -> Figure | None:
    return FIGURES.get(key)


# ---------------------------------------------------------------- pages and API


def _app_modules(name: str):
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, name):
            yield app_config, import_module(f"{app_config.name}.{name}")


def app_urlpatterns() -> list[URLResolver | URLPattern]:
    """The pages of every installed app whose urls.py names its `URL_PREFIX`."""
    return [
        path(module.URL_PREFIX, include(module))
        for _config, module in _app_modules("urls")
        if isinstance(getattr(module, "URL_PREFIX", None), str)
    ]


def api_routers() -> list[tuple[str, object]]:
    """(prefix, router) of every installed app whose api.py has a django-ninja `router`, in
    the order of INSTALLED_APPS."""
    from ninja import Router

    return [
        (getattr(module, "PREFIX", config.label), module.router)
        for config, module in _app_modules("api")
        if isinstance(getattr(module, "router", None), Router)
    ]
