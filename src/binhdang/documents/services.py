"""Every change to consolidated reports: compile, edit, finalise, send, submit upward.

Each service checks the actor's permission on the round's People's Committee (404 when not
allowed, so nothing confirms the report exists), works inside one transaction and writes an
audit entry. `DocumentError` carries a message for the user.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict

from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.audit.services import diff, record
from binhdang.formats.dates import cited_date
from binhdang.formats.numbers import input_value

from . import compilation, selectors
from .models import ConsolidatedReport, ConsolidatedSection, ReportStatus, SendRecord

# The narrative parts in the order a report reads them; "done" and "results" form section II
# (results, by task area), "difficulties" section III, "proposals" sections IV and V
# (see `compilation`).
PART_ORDER = ["done", "results", "difficulties", "proposals"]


class DocumentError(Exception):
    """A request that cannot be carried out; `str(exc)` is a message for the user."""


def _deny(condition: bool) -> None:
    if not condition:
        raise Http404


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


# ---------------------------------------------------------------- defaults


def committee_name(unit) -> str:
    """ "Ủy ban nhân dân huyện Vị Xuyên" for a territorial unit; a body keeps its own name."""
    if unit is None:
        return ""
    if unit.is_territorial:
        name = unit.name
        return f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}"
    return unit.name


def committee_short(unit) -> str:
    if unit is None:
        return ""
    if unit.is_territorial:
        name = unit.name
        return f"UBND {name[:1].lower()}{name[1:]}"
    return unit.name


def letterhead_for(unit) -> tuple[str, str]:
    """(parent agency, issuing agency) for a document a unit issues, from the table by kind
    of unit (`orgunits.letterheads`): a People's Committee has no line above, a department
    has its People's Committee, a union or the police their own higher body."""
    from binhdang.orgunits.letterheads import letterhead_of

    head = letterhead_of(unit)
    return head.higher_body, head.issuing_body


def place_of(unit) -> str:
    territorial = unit.nearest_people_committee() if unit else None
    if territorial is None:
        return ""
    return territorial.short_name or territorial.name.split(" ", 1)[-1]


def _about(subject: str) -> str:
    """The subject after "về việc": "V/v triển khai ..." -> "triển khai ..."."""
    text = subject.strip()
    for prefix in ("V/v ", "v/v ", "Về việc ", "về việc "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def _strip_subject(subject: str) -> str:
    text = subject.strip()
    for prefix in ("V/v ", "v/v ", "Về việc ", "về việc "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    for verb in ("triển khai thực hiện ", "triển khai ", "thực hiện ", "báo cáo "):
        if text.lower().startswith(verb):
            text = text[len(verb) :]
            break
    return text


def _listed(item: str, entries: list[str]) -> bool:
    """Whether a recipient is already listed, also under a shorter spelling ("Sở Lao động -
    TBXH tỉnh" and "Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang")."""
    from binhdang.formats.text import fold

    key = fold(item)[:14]
    return any(fold(e)[:14] == key for e in entries)


def report_defaults(reporting_round) -> dict:
    """Header fields of a new report, taken from the round's directive and its committee."""
    owner = reporting_round.owner_unit
    parent_agency, issuing_agency = letterhead_for(owner)
    directive = reporting_round.directive
    if directive is not None and directive.subject:
        subject = "Kết quả thực hiện " + _strip_subject(directive.subject)
    else:
        subject = reporting_round.title
    from binhdang.orgunits.letterheads import letterhead_of

    head = letterhead_of(owner)
    authority = list(head.signing_authority)
    signer_title, signer_name = head.signer_title, ""
    if directive is not None:
        if directive.signing_authority:
            authority.append(directive.signing_authority.strip().upper())
        signer_title = (directive.signer_title or signer_title).upper()
        signer_name = directive.signer_name
    elif owner.is_territorial:
        authority.append("KT. CHỦ TỊCH")
        signer_title = "PHÓ CHỦ TỊCH"
    distribution = []
    above = directive.implements if directive is not None else None
    if above is not None:
        distribution.append(committee_short(above.issuing_unit))
        if above.drafting_unit is not None:
            distribution.append(above.drafting_unit.name)
    elif owner.parent is not None:
        distribution.append(committee_short(owner.parent))
    if directive is not None:
        for line in directive.distribution_lines():
            item = line.lstrip("-+ ").rstrip(";.").strip()
            low = item.lower()
            if not item or low.startswith(("như trên", "lưu")) or _listed(item, distribution):
                continue
            distribution.append(item)
    drafting = ""
    if directive is not None and "-" in directive.number_symbol:
        drafting = directive.number_symbol.rsplit("-", 1)[-1]
    distribution.append(f"Lưu: VT{', ' + drafting if drafting else ''}")
    if directive is not None and directive.implements is not None:
        above = directive.implements
        basis = (
            f"Thực hiện Công văn số {above.number_symbol} ngày {cited_date(above.issued_on)} của "
            f"{committee_name(above.issuing_unit)} về việc {_about(above.subject)}"
        )
    elif directive is not None:
        basis = (
            f"Thực hiện Công văn số {directive.number_symbol} ngày "
            f"{cited_date(directive.issued_on)} của {committee_name(owner)} về việc "
            f"{_about(directive.subject)}"
        )
    else:
        basis = f"Thực hiện {reporting_round.title[:1].lower()}{reporting_round.title[1:]}"
    intro = (
        f"{basis}; {committee_name(owner)} báo cáo kết quả thực hiện năm "
        f"{reporting_round.period_year} như sau:"
    )
    closing = (
        f"Trên đây là báo cáo {subject[:1].lower()}{subject[1:]} của {committee_name(owner)}./."
    )
    return {
        "number_symbol": "/BC-UBND" if owner.is_territorial else "/BC",
        "date": None,
        "place": (directive.place if directive is not None and directive.place else "")
        or place_of(owner),
        "parent_agency": parent_agency,
        "issuing_agency": issuing_agency,
        "subject": subject[:500],
        "intro": intro,
        "closing": closing,
        "signing_authority": "\n".join(authority),
        "signer_title": signer_title,
        "signer_name": signer_name,
        "distribution_list": "\n".join(distribution),
    }


# ---------------------------------------------------------------- compilation


def _contributions(reporting_round) -> tuple[dict, dict]:
    """{(form section id, part): [contribution]} from the accepted submissions, and
    {submission id: version}. A contribution is {"unit_id", "unit", "group", "text"}."""
    from binhdang.reporting.models import Submission, SubmissionAnswer, SubmissionStatus

    accepted = Submission.objects.filter(round=reporting_round, status=SubmissionStatus.ACCEPTED)
    versions = {str(pk): v for pk, v in accepted.values_list("pk", "version")}
    rows = (
        SubmissionAnswer.objects.filter(submission__in=accepted)
        .exclude(text="")
        .values_list(
            "section_id", "part", "text", "submission__org_unit_id", "submission__org_unit__name",
            "submission__org_unit__kind",
        )
    )  # fmt: skip
    out: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for section_id, part, text, unit_id, unit_name, kind in rows:
        cleaned = "\n".join(line.strip() for line in text.splitlines() if line.strip())
        if not cleaned:
            continue
        out[(section_id, part)].append(
            {
                "unit_id": unit_id,
                "unit": unit_name,
                "kind": kind,
                "group": selectors.group_of(kind),
                "text": cleaned,
            }
        )
    for items in out.values():
        items.sort(key=lambda c: selectors.unit_sort_key(c["kind"], c["unit"]))
    return out, versions


def contribution_text(contribution: dict, units: list[str] | None = None) -> str:
    """One unit's paragraph(s): "- <Unit>: <text>", further paragraphs following. Text that
    already opens with the unit's name is not prefixed twice; text several units sent alike
    is written once with all their names."""
    lines = contribution["text"].splitlines()
    names = units or [contribution["unit"]]
    if len(names) == 1 and lines[0].startswith(names[0]):
        first = f"- {lines[0]}"
    else:
        first = f"- {', '.join(names)}: {lines[0]}"
    return "\n".join([first, *lines[1:]])


def _by_unit(items: list[dict]) -> list[dict]:
    """One contribution per unit (a part written from several form sections holds a unit's
    texts of all of them), in document order."""
    merged: dict[int, dict] = {}
    for c in items:
        entry = merged.get(c["unit_id"])
        if entry is None:
            merged[c["unit_id"]] = dict(c)
        elif c["text"] not in entry["text"]:
            entry["text"] = f"{entry['text']}\n{c['text']}"
    return list(merged.values())


def _ensure_report(reporting_round, actor) -> ConsolidatedReport:
    report = ConsolidatedReport.objects.select_for_update().filter(round=reporting_round).first()
    if report is None:
        report = ConsolidatedReport.objects.create(
            round=reporting_round, **report_defaults(reporting_round)
        )
        record(
            actor=actor,
            action="consolidated_report.create",
            obj=report,
            org_unit=reporting_round.owner_unit,
        )
    return report


def compile_report(*, actor, round, now: datetime.datetime | None = None) -> ConsolidatedReport:  # noqa: A002
    """Compile the accepted submissions of `round` into its consolidated report (created
    with defaults on first use), part by part of the standard structure (`compilation`):
    the units' sentences synthesised per task area, drafts of the leadership, assessment
    and directions parts, the proposals to the level above. A part the office has not edited
    takes the new compiled text; an edited part keeps the office's text and lists the units
    whose text is new or changed since in `pending`. Figures are not stored: they are summed
    from the database whenever the report is shown or rendered. Needs REPORT_CONSOLIDATE on
    the round's owner; a final or sent report cannot be recompiled (DocumentError)."""
    reporting_round = round
    _deny(selectors.can_consolidate(actor, reporting_round))
    now = now or timezone.now()
    with transaction.atomic():
        report = _ensure_report(reporting_round, actor)
        if report.status != ReportStatus.DRAFT:
            raise DocumentError(
                _("This report has been finalised; reopen it before compiling it again.")
            )
        contributions, versions = _contributions(reporting_round)
        figures = selectors.round_figures(actor, reporting_round)
        existing = {(s.number, s.part): s for s in report.sections.all()}
        seen = set()
        created, updated = [], []
        for position, target in enumerate(
            compilation.plan(reporting_round, contributions, figures=figures), start=1
        ):
            key = (target.number, target.part)
            seen.add(key)
            items = _by_unit(target.items)
            text = target.text
            sources = [{k: c[k] for k in ("unit_id", "unit", "group")} for c in items]
            for src, c in zip(sources, items, strict=True):
                src["digest"] = _digest(c["text"])
            row = existing.get(key)
            if row is None:
                created.append(
                    ConsolidatedSection(
                        report=report, form_section=target.form_section, number=target.number,
                        title=target.title, part=target.part, position=position,
                        compiled_text=text, sources=sources, compiled_at=now,
                    )
                )  # fmt: skip
                continue
            if row.is_edited:
                before = {s["unit_id"]: s.get("digest") for s in row.sources}
                pending = {p["unit_id"]: p for p in row.pending}
                for src, c in zip(sources, items, strict=True):
                    if before.get(src["unit_id"]) != src["digest"]:
                        pending[src["unit_id"]] = {
                            "unit_id": c["unit_id"],
                            "unit": c["unit"],
                            "group": c["group"],
                            "text": contribution_text(c),
                            "changed": src["unit_id"] in before,
                        }
                row.pending = list(pending.values())
            row.form_section = target.form_section
            row.title = target.title
            row.position = position
            row.compiled_text = text
            row.sources = sources
            row.compiled_at = now
            updated.append(row)
        ConsolidatedSection.objects.bulk_create(created)
        ConsolidatedSection.objects.bulk_update(
            updated,
            ["form_section", "title", "position", "compiled_text", "sources", "pending",
             "compiled_at"],
        )  # fmt: skip
        # A section removed from the form keeps the office's text only if it was edited.
        stale = [s.pk for k, s in existing.items() if k not in seen and not s.is_edited]
        ConsolidatedSection.objects.filter(pk__in=stale).delete()
        previous = report.compiled_versions or {}
        report.compiled_versions = versions
        report.compiled_at = now
        report.compiled_by = actor
        report.save(update_fields=["compiled_versions", "compiled_at", "compiled_by", "updated_at"])
        record(
            actor=actor,
            action="consolidated_report.compile",
            obj=report,
            org_unit=reporting_round.owner_unit,
            changes={
                "submissions": len(versions),
                "new_or_changed": sorted(k for k, v in versions.items() if previous.get(k) != v),
            },
        )
    return report


# ---------------------------------------------------------------- editing


def _locked_report(report: ConsolidatedReport) -> ConsolidatedReport:
    return ConsolidatedReport.objects.select_for_update().select_related("round").get(pk=report.pk)


def _editable(actor, report: ConsolidatedReport) -> ConsolidatedReport:
    _deny(selectors.can_consolidate(actor, report.round))
    locked = _locked_report(report)
    if locked.status != ReportStatus.DRAFT:
        raise DocumentError(_("This report has been finalised; reopen it to change it."))
    return locked


HEADER_FIELDS = [
    "number_symbol", "date", "place", "parent_agency", "issuing_agency", "subject", "recipients",
    "intro", "closing", "signing_authority", "signer_title", "signer_name", "distribution_list",
]  # fmt: skip


def report_update_header(*, actor, report: ConsolidatedReport, values: dict) -> ConsolidatedReport:
    """Change the report's number, date, signer, distribution and the other header fields
    (only those in `values`). Draft reports only."""
    with transaction.atomic():
        locked = _editable(actor, report)
        new = {k: v for k, v in values.items() if k in HEADER_FIELDS}
        if "issuing_agency" in new and not str(new["issuing_agency"]).strip():
            raise DocumentError(_("The issuing agency is required."))
        changes = diff(locked, new)
        for key, value in new.items():
            setattr(locked, key, value)
        locked.save()
        record(
            actor=actor,
            action="consolidated_report.update",
            obj=locked,
            org_unit=locked.round.owner_unit,
            changes=changes,
        )
    return locked


def _section(report: ConsolidatedReport, section_id: int) -> ConsolidatedSection:
    section = report.sections.filter(pk=section_id).first()
    _deny(section is not None)
    return section


def section_edit(
    *,
    actor,
    report: ConsolidatedReport,
    section_id: int,
    text: str,
    now: datetime.datetime | None = None,
) -> ConsolidatedSection:
    """Store the office's text for one section. From then on recompiling never overwrites
    it. An empty text with `reset` semantics is section_reset's job, not this one."""
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > 100_000:
        raise DocumentError(_("This text is too long (at most 100,000 characters)."))
    with transaction.atomic():
        locked = _editable(actor, report)
        section = _section(locked, section_id)
        old = section.text
        section.edited_text = text
        if not section.is_edited:
            # The units already in the compiled text the office started from are not "new".
            section.pending = []
        section.is_edited = True
        section.edited_at = now or timezone.now()
        section.edited_by = actor
        section.save(
            update_fields=["edited_text", "is_edited", "pending", "edited_at", "edited_by"]
        )
        record(
            actor=actor,
            action="consolidated_report.section_edit",
            obj=locked,
            org_unit=locked.round.owner_unit,
            changes={
                "section": f"{section.number} {section.part}",
                "length": [len(old), len(text)],
            },
        )
    return section


def section_reset(*, actor, report: ConsolidatedReport, section_id: int) -> ConsolidatedSection:
    """Drop the office's text: the section follows the compiled text again."""
    with transaction.atomic():
        locked = _editable(actor, report)
        section = _section(locked, section_id)
        section.edited_text = ""
        section.is_edited = False
        section.pending = []
        section.save(update_fields=["edited_text", "is_edited", "pending"])
        record(
            actor=actor,
            action="consolidated_report.section_reset",
            obj=locked,
            org_unit=locked.round.owner_unit,
            changes={"section": f"{section.number} {section.part}"},
        )
    return section


def section_take_pending(
    *, actor, report: ConsolidatedReport, section_id: int, unit_id: int, insert: bool
) -> ConsolidatedSection:
    """Insert a new unit's paragraph at the end of the office's text (insert=True) or dismiss
    it (insert=False); either way it leaves the "new since last compilation" list."""
    with transaction.atomic():
        locked = _editable(actor, report)
        section = _section(locked, section_id)
        item = next((p for p in section.pending if p["unit_id"] == unit_id), None)
        if item is None:
            raise DocumentError(_("This paragraph is no longer waiting; reload the page."))
        section.pending = [p for p in section.pending if p["unit_id"] != unit_id]
        if insert:
            base = section.edited_text.rstrip()
            section.edited_text = f"{base}\n{item['text']}" if base else item["text"]
        section.save(update_fields=["edited_text", "pending"])
        record(
            actor=actor,
            action="consolidated_report.section_insert"
            if insert
            else "consolidated_report.section_dismiss",
            obj=locked,
            org_unit=locked.round.owner_unit,
            changes={"section": f"{section.number} {section.part}", "unit": item["unit"]},
        )
    return section


def report_finalise(
    *, actor, report: ConsolidatedReport, now: datetime.datetime | None = None
) -> ConsolidatedReport:
    """Freeze the report (status final) as its next version: the built document's data and
    its Word and Excel files with their SHA-256 (`frozen.freeze`); the PDF follows in the
    background. Needs REPORT_CONSOLIDATE or REPORT_SIGN. Units' texts still waiting in "new
    since" lists block it: the office decides first. `now` dates the finalisation (the demo
    lives in 2023); by default the clock."""
    from . import frozen

    _deny(selectors.can_sign(actor, report.round))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_report(report)
        if locked.status != ReportStatus.DRAFT:
            raise DocumentError(_("This report is already final."))
        if not locked.sections.exists():
            raise DocumentError(_("Compile the report before finalising it."))
        waiting = [s for s in locked.sections.all() if s.pending]
        if waiting:
            raise DocumentError(
                _(
                    "New text from units is waiting in %(count)d section(s): insert or "
                    "dismiss it before finalising."
                )
                % {"count": len(waiting)}
            )
        if not locked.issuing_agency.strip() or not locked.subject.strip():
            raise DocumentError(_("The issuing agency and the subject are required."))
        version, stored = frozen.freeze(locked, user=actor, at=now)
        try:
            locked.status = ReportStatus.FINAL
            locked.finalised_at = now
            locked.finalised_by = actor
            locked.save(update_fields=["status", "finalised_at", "finalised_by", "updated_at"])
            record(
                actor=actor,
                action="consolidated_report.finalise",
                obj=locked,
                org_unit=locked.round.owner_unit,
                changes={
                    "status": ["draft", "final"],
                    "version": version.number,
                    "units_accepted": len(version.received),
                    "sha256": {f.fmt: f.sha256 for f in version.files.all()},
                },
            )
        except Exception:
            for name in stored:
                default_storage.delete(name)
            raise
        transaction.on_commit(lambda: frozen.queue_pdf(version.pk))
    return locked


def reopen_refusal(report: ConsolidatedReport) -> str | None:
    """Why the report cannot be reopened now, or None when it can. The page offers "Reopen"
    only when this is None; `report_reopen` refuses with this message otherwise."""
    if report.status == ReportStatus.DRAFT:
        return _("This report is already a draft.")
    upward = report.upward_submission
    if upward is not None and upward.status not in ("draft", "returned"):
        return _("This report was submitted to the round above; ask that office to return it.")
    return None


def report_reopen(*, actor, report: ConsolidatedReport, reason: str) -> ConsolidatedReport:
    """Back to draft for corrections, with a reason (kept with the version and audited). The
    finalised version stays as it was, downloadable; the next finalisation makes a new one.
    Refused (see `reopen_refusal`) once the report was submitted upward in the system and
    not returned there (the round above holds it; it must be returned from there)."""
    from binhdang.formats.text import TextError, clean_text

    _deny(selectors.can_consolidate(actor, report.round))
    try:
        reason = clean_text(reason or "", max_length=1000).strip()
    except TextError as exc:
        raise DocumentError(exc.message) from exc
    with transaction.atomic():
        locked = _locked_report(report)
        refusal = reopen_refusal(locked)
        if refusal:
            raise DocumentError(refusal)
        if not reason:
            raise DocumentError(_("Write why the report is reopened."))
        version = locked.frozen_version
        old = locked.status
        locked.status = ReportStatus.DRAFT
        locked.save(update_fields=["status", "updated_at"])
        if version is not None:
            version.reopened_at = timezone.now()
            version.reopened_by = actor
            version.reopen_reason = reason
            version.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
        record(
            actor=actor,
            action="consolidated_report.reopen",
            obj=locked,
            org_unit=locked.round.owner_unit,
            changes={
                "status": [old, "draft"],
                "version": version.number if version else None,
                "reason": reason,
            },
        )
    return locked


def send_record_add(
    *,
    actor,
    report: ConsolidatedReport,
    sent_on: datetime.date,
    channel: str,
    recipient: str = "",
    reference: str = "",
    note: str = "",
) -> SendRecord:
    """Record that the signed report was sent (e-mail, post, by hand, iOffice...). The
    report must be final; it becomes "sent"."""
    _deny(selectors.can_consolidate(actor, report.round))
    if sent_on > timezone.localdate():
        raise DocumentError(_("The sending date cannot be in the future."))
    with transaction.atomic():
        locked = _locked_report(report)
        if locked.status == ReportStatus.DRAFT:
            raise DocumentError(_("Finalise the report before recording that it was sent."))
        rec = SendRecord.objects.create(
            report=locked, sent_on=sent_on, channel=channel, recipient=recipient[:300],
            reference=reference[:200], note=note, recorded_by=actor,
            version=locked.frozen_version,
        )  # fmt: skip
        if locked.status != ReportStatus.SENT:
            locked.status = ReportStatus.SENT
            locked.save(update_fields=["status", "updated_at"])
        record(
            actor=actor,
            action="consolidated_report.sent",
            obj=locked,
            org_unit=locked.round.owner_unit,
            changes={
                "sent_on": sent_on.isoformat(),
                "channel": channel,
                "reference": reference,
                "version": rec.version.number if rec.version else None,
            },
        )
    return rec


# ---------------------------------------------------------------- upward


def upward_payload(report: ConsolidatedReport, parent_round, *, user) -> dict:
    """The answers and values of the submission to `parent_round`, from the report's frozen
    version (what was signed, not what the database holds since): narrative section by
    section (matched by number, else by title) and part by part; numbers field by field
    (matched by code). Ratios are computed above."""
    from binhdang.formats.text import fold

    from . import frozen

    version = report.frozen_version
    if version is not None:
        sections = frozen.sections_of(version)
        figures = frozen.figures_of(version)
    else:
        sections = [
            {"number": s.number, "title": s.title, "part": s.part, "text": s.text}
            for s in report.sections.all()
        ]
        figures = selectors.round_figures(user, report.round)
    by_number = defaultdict(dict)
    by_title = defaultdict(dict)
    for s in sections:
        by_number[s["number"]][s["part"]] = s["text"]
        by_title[fold(s["title"]).strip().lower()][s["part"]] = s["text"]
    answers = {}
    for target in parent_round.sections.all():
        texts = by_number.get(target.number) or by_title.get(fold(target.title).strip().lower())
        if not texts:
            continue
        for part, _label in target.part_list():
            if texts.get(part):
                answers[f"{target.pk}:{part}"] = texts[part]
    compilation.add_report_level_answers(answers, by_number, parent_round)
    totals = {f.code: f.total for f in figures.fields if not f.is_ratio}
    values = {}
    for target in parent_round.fields.all():
        if target.is_computed:
            continue
        total = totals.get(target.code)
        if total is not None:
            values[target.code] = input_value(total)
    return {"answers": answers, "values": values}


def upward_moment(
    sent_on: datetime.date | None, now: datetime.datetime | None = None
) -> datetime.datetime:
    """When the upward submission counts as sent: now, or noon (Vietnam time) of an earlier
    sending date recorded after the fact; only the day decides timeliness."""
    from binhdang.reporting.models import TZ

    now = now or timezone.now()
    if sent_on is None or sent_on == timezone.localtime(now, TZ).date():
        return now
    return datetime.datetime.combine(sent_on, datetime.time(12, 0), tzinfo=TZ)


def report_submit_upward(
    *,
    actor,
    report: ConsolidatedReport,
    parent_round,
    sent_on: datetime.date | None = None,
    now: datetime.datetime | None = None,
):
    """Make the final report the owner's submission to `parent_round` (the province's round)
    through the reporting app's services: start, save the mapped answers and values of the
    frozen version, submit. The submission is dated `sent_on` (default: the day of `now`,
    which defaults to the clock), and its timeliness follows that date, as does the send
    record on channel "system"; a date in the future or before the report's own date is
    refused. The report becomes "sent". Returns the submission. Raises DocumentError with the
    reporting app's message when it refuses."""
    from binhdang.reporting import services as reporting

    _deny(selectors.can_consolidate(actor, report.round))
    report = ConsolidatedReport.objects.select_related("round", "round__owner_unit").get(
        pk=report.pk
    )
    if report.status == ReportStatus.DRAFT:
        raise DocumentError(_("Finalise the report before submitting it upward."))
    moment = upward_moment(sent_on, now)
    sent_on = timezone.localtime(moment).date() if sent_on is None else sent_on
    if sent_on > timezone.localdate():
        raise DocumentError(_("The sending date cannot be in the future."))
    if report.date and sent_on < report.date:
        raise DocumentError(
            _("The sending date cannot be before the report's date (%(date)s).")
            % {"date": report.date.strftime("%d/%m/%Y")}
        )
    owner = report.round.owner_unit
    try:
        with transaction.atomic():
            payload = upward_payload(report, parent_round, user=actor)
            # Saved first so that the reporting app decides who may write to that round; an
            # empty payload then undoes the whole transaction.
            submission = reporting.submission_save(
                actor=actor, reporting_round=parent_round, org_unit=owner, data=payload
            )
            if not payload["answers"] and not payload["values"]:
                raise DocumentError(
                    _("No section or figure of this report matches the form of that round.")
                )
            submission = reporting.submission_submit(
                actor=actor, submission=submission, expected_version=submission.version,
                now=moment,
            )  # fmt: skip
            locked = _locked_report(report)
            version = locked.frozen_version
            locked.upward_submission = submission
            locked.status = ReportStatus.SENT
            locked.save(update_fields=["upward_submission", "status", "updated_at"])
            SendRecord.objects.create(
                report=locked, sent_on=sent_on, channel="system", version=version,
                recipient=committee_name(parent_round.owner_unit),
                reference=parent_round.title[:200], recorded_by=actor,
            )  # fmt: skip
            record(
                actor=actor,
                action="consolidated_report.submit_upward",
                obj=locked,
                org_unit=owner,
                changes={
                    "round": parent_round.pk,
                    "submission": submission.pk,
                    "version": version.number if version else None,
                    "sent_on": sent_on.isoformat(),
                    "late": submission.is_late,
                    "sections": len(payload["answers"]),
                    "values": len(payload["values"]),
                },
            )
    except reporting.InvalidSubmission as exc:
        detail = "; ".join(str(v) for v in getattr(exc, "errors", {}).values())
        raise DocumentError(
            _("The round above refused the report: %(detail)s") % {"detail": detail or str(exc)}
        ) from exc
    except reporting.ReportingError as exc:
        raise DocumentError(str(exc)) from exc
    return submission
