"""Drafted documents for tests, made through the service."""

from binhdang.mainstreaming.services import DocumentData, document_create


def make_document(world, *, unit=None, actor=None, year=2023, kind="plan", assessed=True,
                  title="Kế hoạch thực hiện công tác bình đẳng giới năm 2023", **extra):  # fmt: skip
    return document_create(
        actor=actor or world.admin,
        data=DocumentData(
            org_unit=unit or world.commune_a, year=year, kind=kind, title=title,
            gender_assessed=assessed, outcome="adopted", **extra,
        ),
    )  # fmt: skip
