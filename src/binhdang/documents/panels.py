"""Panels other apps add under a finalised version's files on the report page.

An app registers, in its AppConfig.ready(), `register_version_panel(panel)` with
`panel(request, report, version) -> str` (safe HTML, "" for nothing): the signed copies of
the version and the sign button come this way, without the documents app importing them;
`register_job_panel(panel)` does the same under a generated document's download.
"""

from collections.abc import Callable

VersionPanel = Callable[[object, object, object], str]

_PANELS: list[VersionPanel] = []


def register_version_panel(panel: VersionPanel) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


def version_panels(request, report, version) -> list[str]:
    return [html for panel in _PANELS if (html := panel(request, report, version))]


JobPanel = Callable[[object, object], str]

_JOB_PANELS: list[JobPanel] = []


def register_job_panel(panel: JobPanel) -> None:
    """`panel(request, job) -> str` under a generated document's download (its signature)."""
    if panel not in _JOB_PANELS:
        _JOB_PANELS.append(panel)


def job_panels(request, job) -> list[str]:
    return [html for panel in _JOB_PANELS if (html := panel(request, job))]
