"""How domain apps plug into the shell without the shell knowing them.

Each app registers, in its AppConfig.ready(), the navigation entries it offers and a
"my work" provider that lists what is due for a user. Adding a domain app (case coordination,
programme records) is then one more app and one more `ready()`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class NavEntry:
    label: str  # lazy translation
    url_name: str
    # Shown to users holding any of these permissions on some unit (None: to everyone).
    permission: str | tuple[str, ...] | None = None
    order: int = 100


@dataclass
class WorkItem:
    title: str
    url: str
    due: date | None = None
    unit: str = ""
    status: str = ""
    status_css: str = ""
    detail: str = ""
    sort_key: tuple = field(default=())


NAV: list[NavEntry] = []
WORK_PROVIDERS: list[Callable[[object], list[WorkItem]]] = []


def register_nav(entry: NavEntry) -> None:
    if entry not in NAV:
        NAV.append(entry)
        NAV.sort(key=lambda e: e.order)


def register_work_provider(provider: Callable[[object], list[WorkItem]]) -> None:
    if provider not in WORK_PROVIDERS:
        WORK_PROVIDERS.append(provider)
