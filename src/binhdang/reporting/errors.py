"""The domain errors of reporting: each carries a message for the user (`str(exc)`)."""

from django.utils.translation import gettext as _


class ReportingError(Exception):
    """A request that cannot be carried out; `str(exc)` is a message for the user."""


class StaleDraft(ReportingError):
    """The stored submission is newer than the version the form was loaded with;
    `submission` is the unit's submission when the save knew it (to show what changed)."""

    def __init__(self, current_version: int, submission=None):
        self.current_version = current_version
        self.submission = submission
        super().__init__(
            _(
                "This report was saved elsewhere (another tab or a colleague) after you opened "
                "it. Your text was not saved over it: copy what you need, then reload the page."
            )
        )


class StaleReview(ReportingError):
    """The report changed (a new version was sent) after the reviewer opened it."""

    def __init__(self, current_version: int):
        self.current_version = current_version
        super().__init__(
            _(
                "This report changed after you opened it (a newer version was sent). Nothing "
                "was done: read the text shown now, then accept or return it."
            )
        )


class InvalidSubmission(ReportingError):
    """Some fields are wrong; `errors` maps a form key to its message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(_("Please correct the marked fields."))
