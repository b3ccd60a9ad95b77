"""The chart of women in key leadership over the years against the 2025 and 2030 targets."""

from binhdang.charts.render import trend_chart

from .selectors import targets, trend


def leadership_chart(user, root, years):
    """A `charts.render.Chart`: the share of state agencies and local governments with a woman
    key leader, per year, with the targets; None without any figure."""
    points = [(year, f.bodies_share) for year, f in trend(user, root, years)]
    if all(v is None for _y, v in points):
        return None
    series = [(y, float(v) if v is not None else None) for y, v in points]
    goal = {y: float(v) for y, v in targets().items()}
    return trend_chart(
        f"Tỷ lệ cơ quan, chính quyền có lãnh đạo chủ chốt là nữ · {root.name}",
        series,
        target_points=goal,
        unit_label="%",
    )
