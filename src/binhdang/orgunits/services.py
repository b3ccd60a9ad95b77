"""Writes on the unit tree: every change in a transaction, with an audit entry."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from binhdang.audit.services import record

from .body_templates import (
    BodyTemplate,
    BodyTemplateError,
    body_external_id,
    placeholders,
)
from .models import AdminSet, Kind, OrgUnit


@dataclass
class BodiesResult:
    created: list[OrgUnit] = field(default_factory=list)
    existing: list[OrgUnit] = field(default_factory=list)
    standing_office: OrgUnit | None = None
    by_key: dict[str, OrgUnit] = field(default_factory=dict)


def bodies_create(
    *, actor, unit: OrgUnit, template: BodyTemplate, dry_run: bool = False
) -> BodiesResult:
    """Create under the territorial `unit` every body of `template` it does not have yet (a body
    is recognised by its key in the template, so a second run creates nothing). With `dry_run`,
    nothing is written and the result lists what would be created (unsaved units). Each body
    created gets an audit entry. Raises BodyTemplateError when the template is not for this kind
    of unit or the unit is not territorial."""
    if not unit.is_territorial:
        raise BodyTemplateError(
            _(
                "%(unit)s is not a territorial unit: bodies are created under a province, "
                "a district or a commune."
            )
            % {"unit": unit.name}  # fmt: skip
        )
    if unit.kind not in template.applies_to:
        raise BodyTemplateError(
            _("Template %(template)s is for %(kinds)s, not for %(unit)s (%(kind)s).")
            % {
                "template": template.name,
                "kinds": ", ".join(str(Kind(k).label) for k in template.applies_to),
                "unit": unit.name,
                "kind": Kind(unit.kind).label,
            }
        )
    values = placeholders(unit)
    result = BodiesResult()
    with transaction.atomic():
        present = {
            u.external_id: u
            for u in OrgUnit.objects.filter(
                external_id__in=[body_external_id(unit, b.key) for b in template.bodies]
            )
        }
        for spec in template.bodies:
            external_id = body_external_id(unit, spec.key)
            body = present.get(external_id)
            if body is not None:
                result.existing.append(body)
            else:
                body = OrgUnit(
                    external_id=external_id,
                    name=spec.name.format(**values),
                    short_name=spec.short_name.format(**values),
                    kind=spec.kind,
                    parent=unit,
                    admin_set=AdminSet.LOCAL,
                    valid_from=unit.valid_from,
                    valid_to=unit.valid_to,
                )
                result.created.append(body)
                if not dry_run:
                    body.save()
                    record(
                        actor=actor,
                        action="orgunit.create_from_template",
                        obj=body,
                        org_unit=unit,
                        changes={"template": template.name, "key": spec.key, "kind": spec.kind},
                    )
            result.by_key[spec.key] = body
            if spec.standing_office:
                result.standing_office = body
    return result
