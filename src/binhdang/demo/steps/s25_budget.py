"""Vị Xuyên's 2023 budget for gender-equality work (Thông tư 191/2009/TT-BTC): the district's
bodies and its 24 communes, by source and spending line. The units whose 2023 reports the
round accepts (s30) spent 1.104,4 triệu đồng (1.104.400.000 đồng) together: the figure of the
consolidated report 125/BC-UBND, counted from these lines, and the district's total on the
budget pages. The communes whose reports were not accepted (the draft of Phú Linh, the
returned Kim Thạch, those waiting or missing) have recorded no lines, so their unsent drafts
agree with their records. Amounts are illustrative; a fixed seed makes them the same on
every machine. Idempotent: nothing is added when the district's 2023 lines exist."""

import random

from binhdang.accounts.models import User
from binhdang.budget.catalogue import load_spending_lines
from binhdang.budget.models import BudgetEntry, SpendingLine
from binhdang.budget.services import EntryData, entry_create
from binhdang.demo.steps.s10_units import COMMUNES, district_units
from binhdang.demo.steps.s30_round import DRAFT, LATE, MISSING, RETURNED, WAITING

YEAR = 2023
TOTAL_SPENT = 1_104_400_000
MILLION = 1_000_000

# (unit key, source, line, planned, spent in triệu đồng, description, paid for, its label)
BODY_LINES = [
    ("ldtbxh", "district", "TT191-03", 190, 180, "Tuyên truyền Luật Bình đẳng giới trên hệ thống truyền thanh và tại cơ sở", "activity", "Tháng hành động vì bình đẳng giới 2023"),
    ("ldtbxh", "district", "TT191-04", 130, 120, "Tập huấn kỹ năng lồng ghép giới cho cán bộ xã", "course", "Lớp tập huấn lồng ghép giới tháng 8/2023"),
    ("ldtbxh", "district", "TT191-06", 50, 45, "Kiểm tra việc thực hiện pháp luật về bình đẳng giới tại 5 xã", "", ""),
    ("ldtbxh", "district", "TT191-05", 40, 35, "Hội nghị sơ kết công tác bình đẳng giới", "", ""),
    ("bvstbpn", "district", "TT191-09", 60, 60, "Hoạt động của Ban vì sự tiến bộ của phụ nữ huyện", "cfaw_item", "Chương trình công tác năm 2023"),
    ("hlhpn", "central", "TT191-08", 230, 210, "Dự án 8: mô hình Địa chỉ tin cậy tại cộng đồng", "model", "Địa chỉ tin cậy xã Thanh Thủy"),
    ("hlhpn", "contributions", "TT191-03", 24, 24, "Xã hội hóa: truyền thông phòng, chống bạo lực gia đình", "activity", "Ngày hội gia đình 2023"),
    ("vhtt", "district", "TT191-03", 45, 40, "Tuyên truyền phòng, chống bạo lực gia đình", "", ""),
]  # fmt: skip


# Communes whose 2023 report the round does not accept.
NOT_ACCEPTED = {DRAFT, RETURNED} | MISSING | WAITING | {k for k, v in LATE.items() if v != "accept"}


def commune_amounts(rng: random.Random, total: int, count: int) -> list[int]:
    """`total` đồng split among `count` communes in hundreds of thousands, each a plausible
    commune budget (a few to a few dozen triệu đồng)."""
    weights = [rng.randint(6, 26) for _ in range(count)]
    unit = 100_000
    shares = [total // unit * w // sum(weights) * unit for w in weights]
    shares[-1] += total - sum(shares)
    return shares


def run(stdout) -> None:
    units = district_units()
    entries = BudgetEntry.objects.filter(
        year=YEAR, org_unit__path__startswith=units["district"].path
    )
    if entries.exists():
        stdout.write("  budget: Vị Xuyên 2023 already recorded")
        return
    office = User.objects.get(username="thuongtruc.vixuyen")
    load_spending_lines(SpendingLine)  # the shipped catalogue, should a flush have emptied it
    lines = {line.code: line for line in SpendingLine.objects.all()}
    rng = random.Random(25)  # fixed: the demo is the same on every machine
    body_total = 0
    for key, source, code, planned, spent, description, kind, label in BODY_LINES:
        entry_create(actor=office, data=EntryData(
            org_unit=units[key], year=YEAR, source=source, spending_line=lines[code],
            planned=planned * MILLION, spent=spent * MILLION, description=description,
            link_kind=kind, link_label=label,
        ))  # fmt: skip
        body_total += spent * MILLION
    accepted = [code for code, _name in COMMUNES if code not in NOT_ACCEPTED]
    shares = commune_amounts(rng, TOTAL_SPENT - body_total, len(accepted))
    amounts = dict(zip(accepted, shares, strict=True))
    for code in accepted:
        spent = amounts[code]
        communication = spent * 3 // 5 // 100_000 * 100_000
        split = [("commune", "TT191-03", communication, "Tuyên truyền Luật Bình đẳng giới tại các thôn, bản"),
                 ("commune", "TT191-09", spent - communication, "Hoạt động của Ban vì sự tiến bộ của phụ nữ xã")]  # fmt: skip
        if rng.random() < 0.25:
            gift = split[1][2] // 2 // 100_000 * 100_000
            split[1] = (*split[1][:2], split[1][2] - gift, split[1][3])
            split.append(("contributions", "TT191-08", gift, "Xã hội hóa: hỗ trợ phụ nữ khó khăn"))
        for source, line, amount, description in split:
            entry_create(actor=office, data=EntryData(
                org_unit=units[code], year=YEAR, source=source, spending_line=lines[line],
                planned=amount + rng.randint(0, 3) * 1_000_000, spent=amount,
                description=description,
            ))  # fmt: skip
    stdout.write("  budget: Vị Xuyên 2023, 1.104,4 triệu đồng spent")
