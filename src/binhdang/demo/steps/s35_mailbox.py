"""The soft-copy mailbox of the 2023 round (ldtbxh.vx@hagiang.gov.vn): Xã Kim Thạch's clerk,
whose address the office registered, e-mailed the corrected report, attached on the unit's
behalf; a message from an address nobody registered, about Xã Phú Linh, waits in the office's
triage list ("Hộp thư bản mềm")."""

import io
from email.message import EmailMessage
from email.policy import SMTP

from binhdang.accounts.models import User
from binhdang.demo.steps.s30_round import SLUG
from binhdang.mailbox.models import MailMessage, UnitMailAddress
from binhdang.mailbox.services import receive
from binhdang.orgunits.models import OrgUnit
from binhdang.reporting.models import ReportingRound

KIM_THACH_CLERK = "vanthu.kimthach@gmail.com"


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _message(sender: str, subject: str, body: str, files: list[tuple[str, bytes]], mid: str):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Phòng LĐ-TB&XH huyện Vị Xuyên <ldtbxh.vx@hagiang.gov.vn>"
    message["Subject"] = subject
    message["Date"] = "Wed, 06 Dec 2023 08:15:00 +0700"
    message["Message-ID"] = mid
    message.set_content(body)
    for name, content in files:
        message.add_attachment(
            content, maintype="application", subtype="octet-stream", filename=name
        )
    return message.as_bytes(policy=SMTP)


def run(stdout) -> None:
    reporting_round = ReportingRound.objects.filter(slug=SLUG).first()
    office = User.objects.filter(username="thuongtruc.vixuyen").first()
    kim_thach = OrgUnit.objects.filter(code="00703").first()
    if reporting_round is None or office is None or kim_thach is None:
        return
    if MailMessage.objects.filter(round=reporting_round).exists():
        return
    UnitMailAddress.objects.get_or_create(
        org_unit=kim_thach, email=KIM_THACH_CLERK, defaults={"added_by": office}
    )
    placed = receive(
        _message(
            f"Hoàng Thị Mai <{KIM_THACH_CLERK}>",
            "Báo cáo BĐG năm 2023 xã Kim Thạch (đã chỉnh sửa)",
            "Kính gửi Phòng LĐ-TB&XH huyện, UBND xã Kim Thạch gửi lại báo cáo đã chỉnh sửa.",
            [("BC BĐG 2023 - Kim Thạch (sửa).docx", _docx("UBND xã Kim Thạch: báo cáo BĐG 2023."))],
            "<bc-bdg-2023-kimthach@gmail.com>",
        ),
        via=MailMessage.Via.IMAP,
    ).message
    triaged = receive(
        _message(
            "Bàn Văn Chiến <banchien1985@yahoo.com>",
            "Gửi báo cáo bình đẳng giới năm 2023 - xã Phú Linh",
            "Em gửi báo cáo của xã Phú Linh ạ.",
            [("Bao cao BDG Phu Linh 2023.docx", _docx("UBND xã Phú Linh: báo cáo BĐG 2023."))],
            "<bc-bdg-2023-phulinh@yahoo.com>",
        ),
        via=MailMessage.Via.IMAP,
    ).message
    stdout.write(
        f"Soft-copy mailbox: 1 message attached to {placed.org_unit.name if placed.org_unit else '?'}"
        f" ({placed.status}), 1 waiting in triage ({triaged.reason})"
    )
