"""Who sees a campaign: a yearly campaign (no owning unit) is everyone's; a local one is
seen by the units under the unit that launched it (to join it) and by whoever reads that
unit's records. Registered for Campaign under COMMUNICATION_VIEW."""

from django.db.models import Q

from binhdang.accounts.scoping import home_and_ancestor_unit_ids, units_for

from .permissions import COMMUNICATION_VIEW


def campaign_rule(user) -> Q:
    return (
        Q(org_unit__isnull=True)
        | Q(org_unit_id__in=home_and_ancestor_unit_ids(user))
        | Q(org_unit__in=units_for(user, COMMUNICATION_VIEW))
    )
