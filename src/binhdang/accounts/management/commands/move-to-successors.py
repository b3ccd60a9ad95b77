from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from binhdang.accounts.selectors import move_proposals
from binhdang.accounts.services import moves_propose


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Write the date as YYYY-MM-DD, not {value!r}.") from exc


class Command(BaseCommand):
    help = (
        "Propose moving every membership on a closed unit to the unit(s) that took over from "
        "it. With --dry-run, print the proposals only; without, store them for an administrator "
        "to confirm or reject on the page “Chuyển người dùng sang đơn vị mới”. Nobody is moved "
        "by this command."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="print, store nothing")
        parser.add_argument("--on", type=_day, default=None, help="closed by this day (YYYY-MM-DD)")

    def handle(self, *args, dry_run, on, **options):
        with translation.override(settings.LANGUAGE_CODE):
            proposals = move_proposals(on)
            rows = [
                (
                    p.membership.user.username,
                    p.membership.org_unit.name,
                    f"{p.membership.get_role_display()} ({p.membership.get_scope_display()})",
                    "; ".join(u.name for u in p.candidates) or _("(no successor: choose by hand)"),
                )
                for p in proposals
            ]
            header = (_("User"), _("Closed unit"), _("Role"), _("Proposed units"))
            self._table(header, rows)
            if dry_run:
                self.stdout.write(
                    _("%(count)s memberships on closed units. Nothing was stored (--dry-run).")
                    % {"count": len(rows)}
                )
                return
            created = moves_propose(on=on)
            self.stdout.write(
                _(
                    "%(count)s proposals stored. An administrator confirms or rejects each on the "
                    "page “Move users to the new units”; nobody was moved."
                )
                % {"count": len(created)}
            )

    def _table(self, header, rows) -> None:
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
        line = " | ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True))
        self.stdout.write(line)
        self.stdout.write("-+-".join("-" * w for w in widths))
        for row in rows:
            self.stdout.write(" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
