"""How domain apps plug into the shell without the shell knowing them.

Each app registers, in its AppConfig.ready(), the navigation entries it offers and a
"my work" provider that lists what is due for a user. Adding a domain app (case coordination,
programme records) is then one more app and one more `ready()`.

The "my work" contract: a provider is `provider(user) -> list[WorkItem]`, every item the user
must act on (up to MAX_WORK_ITEMS). Each item says which kind of work it is (a WorkKind: one
group on the home page, with its count) and which unit it is for (the OrgUnit itself: the shell
names it with its district or province, "Phòng Y tế · Huyện Vị Xuyên"). An item without a kind
falls in its app's group; a unit given as text is shown as it is.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

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


def register_nav(entry: NavEntry) -> None:
    if entry not in NAV:
        NAV.append(entry)
        NAV.sort(key=lambda e: e.order)


def register_work_provider(provider: Callable[[object], list[WorkItem]]) -> None:
    if provider not in WORK_PROVIDERS:
        WORK_PROVIDERS.append(provider)
