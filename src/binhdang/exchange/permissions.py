"""The exchange app's permissions: it declares none of its own and reuses those of the
records it works on. Signing a finalised report needs `report.sign` (documents), exporting
it to the document-management system `report.consolidate` or `report.sign` on the round's
unit, importing a received document `directive.manage` on the register's unit, and a file's
signature check is read by whoever may read the file."""

PERMISSIONS: dict[str, tuple[str, ...]] = {}
