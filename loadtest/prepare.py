"""Set up the deadline-day load test on its own database (called by loadtest/run.sh).

Creates, on top of the imported legacy units: reporting rounds of Hà Nội (the province with
the most communes) addressed to its communes (LOADTEST_MIX_ROUNDS, 4), one reporter per commune (with an API token),
a province standing office and a leader (signed in with a password, as people do), and
writes what the locust users need to a JSON file.
"""

import argparse
import json
import os
import sys
from datetime import date, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
django.setup()

from django.db import transaction  # noqa: E402

from binhdang.accounts.models import ApiToken, Membership, User  # noqa: E402
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, Kind, OrgUnit, UnitGroup  # noqa: E402
from binhdang.reporting import services  # noqa: E402
from binhdang.reporting.models import ReportingRound, Submission  # noqa: E402

SLUG = "loadtest-deadline-day"
# The deadline day's reports: each commune sends one per round. Several rounds, so that the
# mix's reporters have work for the whole run (one round of 510 communes is used up in about
# 25 s at 120 users); the pages measured and watched are of the first.
MIX_ROUNDS = int(os.environ.get("LOADTEST_MIX_ROUNDS", "4"))
MIX_SLUGS = [SLUG] + [f"{SLUG}-{n}" for n in range(2, MIX_ROUNDS + 1)]
# A second round of the same communes and form, for measuring the submit alone: each of its
# units is prepared with a draft (version 1), so every submit the measurement sends is a real one.
SUBMIT_SLUG = "loadtest-submit"
DRAFT_UNITS = 16  # units of the main round kept for measuring the draft save alone (not in the mix)
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "Tai-thu-2025!")  # a throwaway test database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=500)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    province = OrgUnit.objects.get(external_id="legacy:province:01")
    # The deadline day is measured on Hà Nội's 579 communes of the legacy set, which closes
    # on 30/06/2025: in this database of its own the load test keeps that tree open.
    OrgUnit.objects.filter(path__startswith=province.path).exclude(valid_to=None).update(
        valid_to=None
    )
    with transaction.atomic():
        office_unit, _ = OrgUnit.objects.get_or_create(
            external_id="loadtest:hanoi:soldtbxh",
            defaults={
                "name": "Sở Lao động - Thương binh và Xã hội (thử tải)",
                "kind": Kind.DEPARTMENT,
                "parent": province,
            },
        )
        office = _user("lt.thuongtruc", province, "standing_office", "subtree")
        leader = _user("lt.lanhdao", province, "leader", "subtree")
        group, _ = UnitGroup.objects.get_or_create(
            owner=province,
            slug="lt-cac-xa",
            defaults={
                "name": "Các xã, phường, thị trấn",
                "rule_root": province,
                "rule_kinds": [k.value for k in COMMUNE_LEVEL_KINDS],
            },
        )
    rounds = [_round(office, province, office_unit, group, slug) for slug in MIX_SLUGS]
    reporting_round = rounds[0]
    submit_round = _round(office, province, office_unit, group, SUBMIT_SLUG)
    communes = list(
        OrgUnit.objects.filter(expected_in_rounds=reporting_round).order_by("pk")[: args.communes]
    )
    reporters = []
    users = {}
    for unit in communes:
        user = _user(f"lt.{unit.code or unit.pk}", unit, "reporter", "unit", password=False)
        ApiToken.objects.filter(user=user).delete()
        users[unit.pk] = user
        reporters.append({"unit_id": unit.pk, "token": ApiToken.issue(user, "loadtest")})
    versions = dict(
        Submission.objects.filter(round=reporting_round).values_list("org_unit_id", "version")
    )
    draft_units = [
        {**r, "version": versions.get(r["unit_id"], 0)} for r in reporters[-DRAFT_UNITS:]
    ]
    reporters = reporters[:-DRAFT_UNITS]
    submit_units = _submit_units(submit_round, reporters, users)
    # The mix's reports, round after round; on a reused database a commune that already
    # sent its report of a round cannot send it again.
    mix = []
    for each in rounds:
        sent = set(
            Submission.objects.filter(round=each)
            .exclude(first_submitted_at=None)
            .values_list("org_unit_id", flat=True)
        )
        section = each.sections.get(number="1").pk
        mix += [
            {**r, "slug": each.slug, "section": section}
            for r in reporters
            if r["unit_id"] not in sent
        ]
    sections = {s.number: s.pk for s in reporting_round.sections.all()}
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(
            {
                "slug": SLUG,
                "round_id": reporting_round.pk,
                "province_id": province.pk,
                "sections": sections,
                "password": PASSWORD,
                "office": office.username,
                "leader": leader.username,
                "reporters": reporters,
                "mix": mix,
                "draft_units": draft_units,
                "submit_slug": SUBMIT_SLUG,
                "submit_units": submit_units,
            },
            fh,
        )
    print(
        f"load test: {len(rounds)} rounds ({SLUG}, ...) of {len(reporters)} commune reporters,"
        f" {len(mix)} reports to send in the mix, {len(draft_units)} units for the draft save"
        f" alone, {len(submit_units)} drafts of {SUBMIT_SLUG} to submit -> {args.out}"
    )


def _submit_units(submit_round, reporters, users):
    """The units of the submit round not sent yet, each with a draft saved (version >= 1)."""
    sent = set(
        Submission.objects.filter(round=submit_round)
        .exclude(first_submitted_at=None)
        .values_list("org_unit_id", flat=True)
    )
    section = submit_round.sections.get(number="1")
    out = []
    for r in reporters:
        if r["unit_id"] in sent:
            continue
        submission = Submission.objects.filter(round=submit_round, org_unit_id=r["unit_id"]).first()
        if submission is None:
            submission = services.submission_save(
                actor=users[r["unit_id"]],
                reporting_round=submit_round,
                org_unit=OrgUnit.objects.get(pk=r["unit_id"]),
                data={
                    "answers": {f"{section.pk}:done": "Đã tổ chức 3 buổi tuyên truyền."},
                    "values": {"participants": "300", "participants_women": "150"},
                },
            )
        out.append({**r, "version": submission.version})
    return out


TITLES = {
    SLUG: "Báo cáo bình đẳng giới (thử tải ngày hạn chót)",
    SUBMIT_SLUG: "Báo cáo bình đẳng giới (thử tải: gửi báo cáo)",
}


def _round(office, province, office_unit, group, slug):
    reporting_round = ReportingRound.objects.filter(slug=slug).first()
    if reporting_round is None:
        today = date.today()
        reporting_round = services.round_create(
            actor=office,
            title=TITLES.get(slug, f"Báo cáo chuyên đề {slug[len(SLUG) + 1 :]} (thử tải)"),
            slug=slug,
            owner_unit=province,
            standing_office=office_unit,
            opens_on=today - timedelta(days=30),
            deadline=today,
            period_year=today.year,
            groups=[group],
        )
        s1 = services.section_add(reporting_round=reporting_round, number="1", title="Tuyên truyền")
        services.section_add(
            reporting_round=reporting_round, number="2", title="Phòng, chống bạo lực"
        )
        total = services.field_add(
            reporting_round=reporting_round, code="participants", label="Người tham gia", section=s1
        )
        services.field_add(
            reporting_round=reporting_round,
            code="participants_women",
            label="Trong đó nữ",
            section=s1,
            part_of=total,
        )
        services.field_add(reporting_round=reporting_round, code="courses", label="Lớp tập huấn")
        services.round_open(actor=office, reporting_round=reporting_round)
    return reporting_round


def _user(username, unit, role, scope, password=True):
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": username, "email": f"{username}@example.org"}
    )
    if created:
        if password:
            user.set_password(PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(user=user, org_unit=unit, role=role, scope=scope)
    return user


if __name__ == "__main__":
    sys.exit(main())
