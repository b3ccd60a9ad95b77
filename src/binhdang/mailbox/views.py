"""The standing office's pages: the messages received, the triage of those the mailbox could
not place (assign to a unit / reject), and the units' registered addresses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdang.formats.numbers import parse_id

from . import selectors, services
from .models import MailFile, MessageStatus
from .permissions import MAILBOX_TRIAGE


def _require_office(user) -> None:
    from binhdang.accounts.scoping import has_permission

    if not has_permission(user, MAILBOX_TRIAGE):
        raise Http404


@login_required
def message_list(request):
    _require_office(request.user)
    status = request.GET.get("status", MessageStatus.TRIAGE)
    if status != "all" and status not in MessageStatus.values:
        status = MessageStatus.TRIAGE
    qs = selectors.messages_for(request.user, None if status == "all" else status)
    page = Paginator(qs.prefetch_related("files"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "mailbox/list.html",
        {
            "page": page,
            "status": status,
            "statuses": [
                ("triage", _("To decide")),
                *[(value, label) for value, label in MessageStatus.choices if value != "triage"],
                ("all", _("All")),
            ],
            "triage_count": selectors.triage_count(request.user),
        },
    )


@login_required
def message_detail(request, pk: int):
    message = selectors.message_for(request.user, pk)
    rounds = selectors.rounds_for_assignment(request.user, message)
    chosen = selectors.round_choice(request.user, message, request.GET.get("round"))
    chosen = chosen or next((r for r in rounds if r.pk == message.round_id), None)
    chosen = chosen or (rounds[0] if rounds else None)
    units = selectors.expected_units(chosen) if chosen else []
    candidates = list(message.candidate_units.all())
    return render(
        request,
        "mailbox/detail.html",
        {
            "message": message,
            "files": list(message.files.select_related("attachment")),
            "rounds": rounds,
            "chosen_round": chosen,
            "units": units,
            "candidates": candidates,
            "suggested": message.org_unit_id
            or (candidates[0].pk if len(candidates) == 1 else None),
            "waiting": message.files.filter(status=MailFile.Status.WAITING).exists(),
            "decidable": message.status == MessageStatus.TRIAGE,
        },
    )


@login_required
def message_raw(request, pk: int):
    message = selectors.message_for(request.user, pk)
    return FileResponse(
        message.raw.open("rb"),
        as_attachment=True,
        filename=f"{message.sha256[:16]}.eml",
        content_type="message/rfc822",
    )


@login_required
@require_POST
def message_assign(request, pk: int):
    message = selectors.message_for(request.user, pk)
    reporting_round = selectors.round_choice(request.user, message, request.POST.get("round"))
    unit = selectors.unit_choice(reporting_round, request.POST.get("unit"))
    try:
        attached = services.message_assign(
            actor=request.user,
            message=message,
            reporting_round=reporting_round,
            org_unit=unit,
            remember=request.POST.get("remember") == "1",
        )
    except services.MailboxError as exc:
        messages.error(request, str(exc))
        return redirect("mailbox:detail", pk=message.pk)
    messages.success(
        request,
        _("Attached %(files)s to the report of %(unit)s.")
        % {"files": ", ".join(f.name for f in attached), "unit": unit.name},
    )
    return redirect("mailbox:list")


@login_required
@require_POST
def message_reject(request, pk: int):
    message = selectors.message_for(request.user, pk)
    try:
        services.message_reject(
            actor=request.user, message=message, note=request.POST.get("note", "")
        )
    except services.MailboxError as exc:
        messages.error(request, str(exc))
        return redirect("mailbox:detail", pk=message.pk)
    messages.success(request, _("The message was rejected; it stays stored."))
    return redirect("mailbox:list")


@login_required
def address_list(request):
    _require_office(request.user)
    return render(
        request,
        "mailbox/addresses.html",
        {
            "addresses": selectors.addresses_for(request.user).order_by("org_unit__name", "email"),
            "units": selectors.registrable_units(request.user),
        },
    )


@login_required
@require_POST
def address_add(request):
    _require_office(request.user)
    unit_id = parse_id(request.POST.get("unit"))
    unit = selectors.registrable_units(request.user).filter(pk=unit_id).first() if unit_id else None
    if unit is None:
        messages.error(request, _("Choose a unit."))
        return redirect("mailbox:addresses")
    try:
        address = services.address_add(
            actor=request.user, org_unit=unit, email=request.POST.get("email", "")
        )
    except services.MailboxError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(email)s is now registered as the address of %(unit)s.")
            % {"email": address.email, "unit": unit.name},
        )
    return redirect("mailbox:addresses")


@login_required
@require_POST
def address_remove(request, pk: int):
    address = selectors.address_for(request.user, pk)
    services.address_remove(actor=request.user, address=address)
    messages.success(request, _("The address %(email)s was removed.") % {"email": address.email})
    return redirect("mailbox:addresses")
