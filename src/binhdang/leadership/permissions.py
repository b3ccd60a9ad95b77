"""The permissions of the leadership records and the roles holding them.

- `leadership.view`: read a unit's counts of leadership posts, deputies, the planning pipeline
  and the training of women leaders: everyone working on gender equality in the unit's scope
  (the standing office and leaders of a district see its communes; a viewer reads them).
- `leadership.record`: record them. Held by the unit's reporters and head, and by the standing
  office for its own territorial unit; selectors keep it to the units the user is placed on
  (`accounts.scoping.placed_on`), so a unit records its own and a district records no
  commune's counts.
- `leadership.people.view`: read and keep the unit's list of the people in leadership posts
  (names, sex, year of birth). Personnel matters are the unit head's: the head of a unit
  (Chủ tịch UBND xã, Trưởng phòng) answers for its cadres, so only the unit head holds it,
  and only on the unit they are placed on: the levels above read the counts, never the names.
"""

from binhdang.accounts.permissions import Role

LEADERSHIP_VIEW = "leadership.view"
LEADERSHIP_RECORD = "leadership.record"
PEOPLE_VIEW = "leadership.people.view"

PERMISSIONS: dict[str, tuple[str, ...]] = {
    LEADERSHIP_VIEW: (
        Role.ADMIN,
        Role.STANDING_OFFICE,
        Role.LEADER,
        Role.UNIT_HEAD,
        Role.REPORTER,
        Role.VIEWER,
    ),
    LEADERSHIP_RECORD: (Role.ADMIN, Role.STANDING_OFFICE, Role.UNIT_HEAD, Role.REPORTER),
    PEOPLE_VIEW: (Role.ADMIN, Role.UNIT_HEAD),
}
