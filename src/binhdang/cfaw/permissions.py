"""The permissions of the Committees for the Advancement of Women (Ban vì sự tiến bộ của phụ
nữ) and the roles holding them.

- `cfaw.view`: read a committee, its members on any date, its decisions, programme and
  meetings: everyone working on gender equality in the committee's unit's scope.
- `cfaw.manage`: keep them (members, kiện toàn decisions, programme, meetings). Held by the
  unit's reporters and head and by the standing office (the committee's secretariat sits in
  the labour office), kept by the selectors to the units the user is placed on: a district's
  office keeps the district's committee, each commune its own.
"""

from binhdang.accounts.permissions import Role

CFAW_VIEW = "cfaw.view"
CFAW_MANAGE = "cfaw.manage"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    CFAW_VIEW: (
        Role.ADMIN,
        Role.STANDING_OFFICE,
        Role.LEADER,
        Role.UNIT_HEAD,
        Role.REPORTER,
        Role.VIEWER,
    ),
    CFAW_MANAGE: (Role.ADMIN, Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER),
}
