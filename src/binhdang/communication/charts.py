"""Charts of the activity records: activities and people reached by month, the Action Month
shaded (15/11 - 15/12), and people reached by sex. Rendered by binhdang.charts."""

from datetime import date

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from binhdang.charts.render import COLOR_ACTUAL, COLOR_BAND, COLOR_BAR, Chart, bar_chart
from binhdang.formats.numbers import format_number

MONTHS = ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12"]


def _position(day: date) -> float:
    """Where a day falls on the month axis (bars are centred on 0 .. 11)."""
    return day.month - 1.5 + (day.day - 1) / 31


def monthly_chart(year: int, months: list[dict], action_month: tuple[date, date] | None) -> Chart:
    """Bars: activities started each month of `year`; line: people reached."""
    counts = [0] * 12
    reach = [0] * 12
    for row in months:
        month = row["month"]
        if month is None or month.year != year:
            continue
        counts[month.month - 1] = row["n"] or 0
        reach[month.month - 1] = row["audience"] or 0
    title = f"Hoạt động truyền thông và số người được tiếp cận theo tháng, năm {year}"
    fig = Figure(figsize=(7.0, 3.6), layout="constrained")
    fig.patch.set_facecolor("white")
    ax = fig.add_subplot()
    ax.set_title(title, fontsize=11, loc="left", wrap=True)
    if action_month is not None:
        ax.axvspan(
            _position(action_month[0]),
            _position(action_month[1]),
            color=COLOR_BAND,
            alpha=0.8,
            label="Tháng hành động",
        )
    ax.bar(range(12), counts, color=COLOR_BAR, width=0.6, label="Số hoạt động")
    ax.set_xticks(range(12))
    ax.set_xticklabels(MONTHS, fontsize=9)
    ax.set_xlim(-0.6, 11.6)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.set_ylabel("Số hoạt động", fontsize=9)
    ax.spines[["top"]].set_visible(False)
    people = ax.twinx()
    people.plot(range(12), reach, color=COLOR_ACTUAL, marker="o", linewidth=1.6,
                label="Số người được tiếp cận")  # fmt: skip
    people.set_ylim(bottom=0, top=max(reach + [1]) * 1.15)
    people.yaxis.set_major_formatter(FuncFormatter(lambda x, _p: format_number(x, 0)))
    people.set_ylabel("Số người", fontsize=9)
    people.spines[["top"]].set_visible(False)
    handles = ax.get_legend_handles_labels()
    more = people.get_legend_handles_labels()
    ax.legend(
        handles[0] + more[0],
        handles[1] + more[1],
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=3,
        frameon=False,
    )
    parts = [
        f"tháng {i + 1}: {format_number(counts[i])} hoạt động, {format_number(reach[i])} người"
        for i in range(12)
        if counts[i]
    ]
    summary = f"{title}. " + ("; ".join(parts) if parts else "Chưa có hoạt động") + "."
    if action_month is not None:
        summary += (
            f" Vùng tô đậm: Tháng hành động ({action_month[0]:%d/%m} - {action_month[1]:%d/%m})."
        )
    return Chart(title, summary, fig)


def sex_chart(
    total: int, women: int, title: str = "Số người được tiếp cận theo giới tính"
) -> Chart:
    return bar_chart(title, ["Nữ", "Nam"], [women, max(0, total - women)], unit_label="người")
