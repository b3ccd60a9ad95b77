from binhdang.accounts.permissions import Role

VISIT_RECORD = "visit.record"

PERMISSIONS = {VISIT_RECORD: (Role.REPORTER,)}
