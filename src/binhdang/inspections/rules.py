"""The per-record rule of complainants' identities: read only by the complaint's handlers
(a system administrator reads every one). Registered in the app's ready()."""

from django.db.models import Q


def identity_rule(user) -> Q:
    if user.is_superuser:
        return Q()
    return Q(complaint__handlers=user)
