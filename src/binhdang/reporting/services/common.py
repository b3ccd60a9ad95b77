"""What every service of the app shares: the 404 refusal, a report's address, limits."""

import logging
from decimal import Decimal

from django.http import Http404
from django.urls import reverse

from ..models import (
    Submission,
)

log = logging.getLogger(__name__)
ALLOWED_UPLOADS = {"docx", "xlsx", "pdf"}
# A figure of a report fits numeric(18, 4) with room to spare.
MAX_VALUE = Decimal("1e13")


def _deny(condition: bool) -> None:
    if not condition:
        raise Http404


def _submission_url(submission: Submission) -> str:
    return reverse(
        "reporting:submission",
        kwargs={"slug": submission.round.slug, "unit_id": submission.org_unit_id},
    )
