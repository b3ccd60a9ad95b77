from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.formats.numbers import parse_id
from binhdang.orgunits.body_templates import BodyTemplateError, load_template, shipped_templates
from binhdang.orgunits.models import TERRITORIAL_KINDS, OrgUnit
from binhdang.orgunits.services import bodies_create


def find_unit(reference: str) -> OrgUnit:
    """A territorial unit by external identifier ("2025:ward:00706"), by official code among
    the units valid today ("00706"), or by id."""
    reference = reference.strip()
    unit = OrgUnit.objects.filter(external_id=reference).first()
    if unit is not None:
        return unit
    by_code = list(
        OrgUnit.objects.active(timezone.localdate())
        .filter(code=reference, kind__in=[str(k) for k in TERRITORIAL_KINDS])
        .order_by("pk")
    )
    if len(by_code) == 1:
        return by_code[0]
    if len(by_code) > 1:
        raise CommandError(
            _("The code %(code)s names several units (%(units)s): give the id instead.")
            % {"code": reference, "units": ", ".join(f"{u.name} (id {u.pk})" for u in by_code)}
        )
    unit_id = parse_id(reference)
    if unit_id is not None:
        unit = OrgUnit.objects.filter(pk=unit_id).first()
        if unit is not None:
            return unit
    raise CommandError(_("No unit with the code or id %(ref)s.") % {"ref": reference})


class Command(BaseCommand):
    help = (
        "Create the bodies of a territorial unit (departments, police, mass organisations, "
        "CFAW ...) from a template: a shipped one (orgunits/data/bodies/) or an edited JSON "
        "file. Safe to run again: bodies already made from the template are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--template",
            required=True,
            help=f"shipped template ({', '.join(shipped_templates())}) or path of a JSON file",
        )
        parser.add_argument(
            "--under", required=True, help="the unit: official code, external id or id"
        )
        parser.add_argument("--dry-run", action="store_true", help="show, create nothing")

    def handle(self, *args, template, under, dry_run, **options):
        try:
            body_template = load_template(template)
            unit = find_unit(under)
            result = bodies_create(actor=None, unit=unit, template=body_template, dry_run=dry_run)
        except BodyTemplateError as exc:
            raise CommandError(str(exc)) from exc
        for body in result.created:
            mark = _("would create") if dry_run else _("created")
            self.stdout.write(f"  + {body.name} ({body.get_kind_display()}) - {mark}")
        for body in result.existing:
            self.stdout.write(f"  = {body.name} - " + _("already there"))
        if result.standing_office is not None:
            self.stdout.write(
                _("Standing office for gender equality: %(name)s")
                % {"name": result.standing_office.name}
            )
        summary = _("%(unit)s: %(created)s bodies created, %(existing)s already there.")
        if dry_run:
            summary = _("%(unit)s (dry run, nothing written): %(created)s bodies to create, "
                        "%(existing)s already there.")  # fmt: skip
        self.stdout.write(
            summary
            % {"unit": unit.name, "created": len(result.created), "existing": len(result.existing)}
        )
