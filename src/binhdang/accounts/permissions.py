"""Roles and the named permissions they grant: the one place this mapping lives.

A membership gives a user a role on an org unit, for that unit alone or its whole subtree.
`units_for(user, permission)` in `accounts.scoping` turns memberships into the set of units a
user may act on; every selector goes through it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    STANDING_OFFICE = "standing_office", _("Standing office")
    LEADER = "leader", _("Leader")
    UNIT_HEAD = "unit_head", _("Unit head")
    REPORTER = "reporter", _("Unit reporter")
    VIEWER = "viewer", _("Viewer")


class Scope(models.TextChoices):
    UNIT = "unit", _("This unit only")
    SUBTREE = "subtree", _("This unit and every unit under it")


# Permission names: "<object>.<action>".
ORGUNIT_VIEW = "orgunit.view"
ORGUNIT_MANAGE = "orgunit.manage"
USER_MANAGE = "user.manage"
AUDIT_VIEW = "audit.view"
DIRECTIVE_VIEW = "directive.view"
DIRECTIVE_MANAGE = "directive.manage"
TASK_UPDATE = "task.update"
ROUND_VIEW = "round.view"
ROUND_MANAGE = "round.manage"
SUBMISSION_VIEW = "submission.view"
SUBMISSION_EDIT = "submission.edit"
SUBMISSION_APPROVE = "submission.approve"
SUBMISSION_REVIEW = "submission.review"
REPORT_CONSOLIDATE = "report.consolidate"
REPORT_SIGN = "report.sign"
INDICATOR_VIEW = "indicator.view"
INDICATOR_ENTER = "indicator.enter"
INDICATOR_ASSESS = "indicator.assess"
INDICATOR_MANAGE = "indicator.manage"

_READ = {ORGUNIT_VIEW, DIRECTIVE_VIEW, ROUND_VIEW, SUBMISSION_VIEW, INDICATOR_VIEW}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(
        _READ
        | {
            ORGUNIT_MANAGE,
            USER_MANAGE,
            AUDIT_VIEW,
            DIRECTIVE_MANAGE,
            ROUND_MANAGE,
            SUBMISSION_REVIEW,
            REPORT_CONSOLIDATE,
            INDICATOR_MANAGE,
        }
    ),
    Role.STANDING_OFFICE: frozenset(
        _READ
        | {
            USER_MANAGE,
            DIRECTIVE_MANAGE,
            TASK_UPDATE,
            ROUND_MANAGE,
            SUBMISSION_REVIEW,
            REPORT_CONSOLIDATE,
            INDICATOR_ENTER,
            INDICATOR_ASSESS,
            INDICATOR_MANAGE,
        }
    ),
    Role.LEADER: frozenset(_READ | {REPORT_SIGN}),
    # A unit head manages their own unit's accounts (reporters and viewers: what they may
    # grant is decided by `accounts.scoping.may_grant`).
    Role.UNIT_HEAD: frozenset(
        _READ
        | {
            USER_MANAGE,
            SUBMISSION_EDIT,
            SUBMISSION_APPROVE,
            TASK_UPDATE,
            INDICATOR_ENTER,
            INDICATOR_ASSESS,
        }
    ),
    Role.REPORTER: frozenset(
        _READ | {SUBMISSION_EDIT, TASK_UPDATE, INDICATOR_ENTER, INDICATOR_ASSESS}
    ),
    Role.VIEWER: frozenset(_READ),
}


def role_grants(role: str, permission: str) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def roles_with(permission: str) -> list[str]:
    return [role for role, perms in ROLE_PERMISSIONS.items() if permission in perms]
