"""The kinds of document a job can produce, registered by the apps that own them.

An app registers, in its AppConfig.ready(), one `DocumentKind` per document it offers:

    register_kind(DocumentKind(
        key="directive", label=_("Directive as an official dispatch"),
        formats=("docx", "pdf"),
        target_scope=directive_scope,      # (actor, target_id) -> (org unit, permission); 404
        build=build_directive,             # (job, progress) -> (download name, bytes)
        page=lambda target_id: reverse(...),   # where the job was ordered from
    ))

The job runner (`jobs.py`) and the pages look a kind up here and never name one: a new
app's document is one more registration. `target_scope` decides who may order and download
the document (Http404 when the actor may not read the target); `build` reports its progress
with `progress(percent, message)` and raises `JobFailed` with a message for the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404


class JobFailed(Exception):
    """Generation failed with a message for the user (Vietnamese)."""


@dataclass(frozen=True)
class DocumentKind:
    key: str  # stored on DocumentJob.kind: at most 20 characters, stable
    label: str  # lazy translation
    formats: tuple[str, ...]  # of JobFormat: "docx", "xlsx", "pdf", "zip"
    target_scope: Callable[[object, int], tuple[object, str]]
    build: Callable[[object, Callable[[int, str], None]], tuple[str, bytes]]
    page: Callable[[int], str] | None = None


KINDS: dict[str, DocumentKind] = {}


def register_kind(kind: DocumentKind) -> None:
    if len(kind.key) > 20 or not kind.key:
        raise ValueError(f"document kind key {kind.key!r} must have 1 to 20 characters")
    existing = KINDS.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"document kind {kind.key!r} is already registered")
    KINDS[kind.key] = kind


def unregister_kind(key: str) -> None:
    KINDS.pop(key, None)


def kind_for(key: str) -> DocumentKind | None:
    return KINDS.get(key)


def require_kind(key: str) -> DocumentKind:
    """The registered kind, or 404 (an unknown kind is like a target that does not exist)."""
    kind = KINDS.get(key)
    if kind is None:
        raise Http404
    return kind


def label_of(key: str) -> str:
    kind = KINDS.get(key)
    return str(kind.label) if kind is not None else key
