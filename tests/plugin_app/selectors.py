from binhdang.accounts.scoping import units_for

from .permissions import VISIT_RECORD


def visit_units(user):
    """The units whose visits `user` records, by name."""
    return units_for(user, VISIT_RECORD).order_by("name")
