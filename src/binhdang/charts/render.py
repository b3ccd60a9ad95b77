from __future__ import annotations

import hashlib
import math
import xml.etree.ElementTree as ET  # noqa: S405 - only used to build/serialise our own SVG
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO

import matplotlib
from defusedxml.ElementTree import fromstring as safe_fromstring
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from binhdang.formats.numbers import format_number

# Text stays text in the SVG (small, searchable, read by screen readers); ids are stable so the
# same data always yields the same markup.
matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "binhdang",
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "sans-serif"],
        "axes.titleweight": "bold",
    }
)

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

COLOR_ACTUAL = "#1f4e79"
COLOR_TARGET = "#b3261e"
COLOR_PROJECTION = "#4d4d4d"
COLOR_BAND = "#d9d9d9"
COLOR_PATH = "#2e7d32"
COLOR_BAR = "#2f6f9f"
COLOR_BAR_MISS = "#c7d7e6"

Number = float | int
CONFIDENCE = 95


@dataclass
class Chart:
    """A rendered chart; ``summary`` is the text alternative placed in the SVG ``<desc>``."""

    title: str
    summary: str
    figure: Figure = field(repr=False)

    def png(self, dpi: int = 150) -> bytes:
        out = BytesIO()
        self.figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
        return out.getvalue()

    def svg(self) -> str:
        out = BytesIO()
        self.figure.savefig(
            out,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
        return _accessible_svg(out.getvalue(), self.title, self.summary)


def _accessible_svg(raw: bytes, title: str, summary: str) -> str:
    root = safe_fromstring(raw)
    for meta in root.findall(f"{{{SVG_NS}}}metadata"):
        root.remove(meta)
    for el in list(root.iter()):
        for child in list(el):
            if child.tag in (f"{{{SVG_NS}}}script", f"{{{SVG_NS}}}foreignObject"):
                el.remove(child)
    # The pages' Content-Security-Policy (style-src 'self') ignores inline style attributes and
    # <style> elements of an inlined SVG, which renders it black; presentation attributes are
    # not styles, so every declaration becomes one.
    for el in list(root.iter()):
        for child in list(el):
            if child.tag == f"{{{SVG_NS}}}style":
                el.remove(child)
        style = el.attrib.pop("style", None)
        if style:
            for declaration in style.split(";"):
                name, _sep, value = declaration.partition(":")
                if name.strip() and value.strip():
                    el.set(name.strip(), value.strip())
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    # Responsive: the viewBox keeps the proportions, the page decides the width.
    root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    root.set("width", "100%")
    root.set("preserveAspectRatio", "xMidYMid meet")
    root.set("role", "img")
    digest = hashlib.sha1(f"{title}\n{summary}".encode(), usedforsecurity=False).hexdigest()[:10]
    title_id, desc_id = f"bd-chart-{digest}-title", f"bd-chart-{digest}-desc"
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    title_el = ET.Element(f"{{{SVG_NS}}}title", {"id": title_id})
    title_el.text = title
    desc_el = ET.Element(f"{{{SVG_NS}}}desc", {"id": desc_id})
    desc_el.text = summary
    root.insert(0, desc_el)
    root.insert(0, title_el)
    return ET.tostring(root, encoding="unicode")


def _decimals(values: Sequence[Number]) -> int:
    return 0 if all(float(v).is_integer() for v in values) else 1


def _fmt(value: Number, decimals: int) -> str:
    return format_number(value, decimals)


def _axis_formatter() -> FuncFormatter:
    def fmt(x: float, _pos: int) -> str:
        return _fmt(x, 0 if float(x).is_integer() else 1)

    return FuncFormatter(fmt)


def _unit_suffix(unit_label: str) -> str:
    if not unit_label:
        return ""
    return unit_label if unit_label == "%" else f" {unit_label}"


def _new_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    fig.patch.set_facecolor("white")
    return fig


def _empty(ax, message: str = "Chưa có số liệu") -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])


def trend_chart(
    title: str,
    series: Sequence[tuple[int, Number | None]],
    target_points: dict[int, Number] | None = None,
    projection: Sequence[tuple[int, Number]] | None = None,
    unit_label: str = "",
    lower_is_better: bool = False,
    band: Sequence[tuple[int, Number | None, Number | None]] | None = None,
    paths: Sequence[tuple[tuple[int, Number], tuple[int, Number]]] | None = None,
    boundary: tuple[float, str] | None = None,
    estimated_years: Sequence[int] = (),
) -> Chart:
    """Yearly values of an indicator with its targets, the forecast and its prediction
    interval (`band`: year, low, high), and the path from the baseline to each target
    (`paths`: (baseline year, value), (target year, target)).

    Without colour the series still differ: actual values are a solid line with filled
    circles, targets dashed with diamonds and labelled, the forecast dotted with hollow
    circles inside a light shaded band, the path a dash-dot line without markers. The band
    never sets the scale: a wide interval runs off the chart rather than flatten the values.
    `boundary` (x, label) draws a vertical line where the units changed (values left of it
    were re-mapped from former units); `estimated_years` are drawn hollow and named in the
    text alternative as estimates.
    """
    actual = sorted((int(y), float(v)) for y, v in series if v is not None and math.isfinite(v))
    missing = [int(y) for y, v in series if v is None]
    targets = sorted((int(y), float(v)) for y, v in (target_points or {}).items())
    proj = [(int(y), float(v)) for y, v in (projection or []) if v is not None]
    spans = [
        (int(y), float(lo), float(hi))
        for y, lo, hi in (band or [])
        if lo is not None and hi is not None
    ]
    lines = [((int(a), float(av)), (int(b), float(bv))) for (a, av), (b, bv) in (paths or [])]
    suffix = _unit_suffix(unit_label)

    fig = _new_figure(7.0, 3.9)
    ax = fig.add_subplot()
    ax.set_title(title, fontsize=12, loc="left", wrap=True)
    path_points = [p for line in lines for p in line]
    all_values = [v for _, v in actual + targets + proj + path_points]
    all_years = sorted({y for y, _ in actual + targets + proj + path_points})
    if not all_values:
        _empty(ax)
        return Chart(title, f"{title}. Chưa có số liệu.", fig)

    dec = _decimals([v for _, v in actual] or [0])
    if actual:
        xs, ys = zip(*actual, strict=True)
        ax.plot(
            xs, ys, color=COLOR_ACTUAL, linewidth=2.2, marker="o", markersize=6, label="Thực hiện"
        )
        guessed = [(x, y) for x, y in actual if x in set(estimated_years)]
        if guessed:
            gx, gy = zip(*guessed, strict=True)
            ax.plot(
                gx, gy, linestyle="none", marker="o", markersize=7, markerfacecolor="white",
                markeredgecolor=COLOR_ACTUAL, markeredgewidth=1.8, label="Ước tính",
            )  # fmt: skip
        for x, y in actual:
            ax.annotate(
                _fmt(y, dec),
                (x, y),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontsize=9,
                color=COLOR_ACTUAL,
            )
    if spans:
        xs, lows, highs = zip(*spans, strict=True)
        ax.fill_between(
            xs, lows, highs, color=COLOR_BAND, alpha=0.7, linewidth=0,
            label=f"Khoảng dự báo {CONFIDENCE}%",
        )  # fmt: skip
    for i, ((x0, y0), (x1, y1)) in enumerate(lines):
        ax.plot(
            [x0, x1], [y0, y1], color=COLOR_PATH, linewidth=1.3, linestyle="-.",
            label="Lộ trình đến mục tiêu" if i == 0 else None,
        )  # fmt: skip
    if proj:
        xs, ys = zip(*proj, strict=True)
        ax.plot(
            xs,
            ys,
            color=COLOR_PROJECTION,
            linewidth=1.8,
            linestyle=":",
            marker="o",
            markersize=5,
            markerfacecolor="white",
            label="Dự báo",
        )
    if targets:
        xs, ys = zip(*targets, strict=True)
        if len(targets) == 1:
            ax.axhline(ys[0], color=COLOR_TARGET, linewidth=1.4, linestyle="--")
        else:
            ax.plot(xs, ys, color=COLOR_TARGET, linewidth=1.4, linestyle="--")
        # The legend entry shows the dashed line and the diamond together.
        ax.plot(
            xs,
            ys,
            color=COLOR_TARGET,
            linewidth=1.4,
            linestyle="--",
            marker="D",
            markersize=6,
            label="Mục tiêu",
        )
        for x, y in targets:
            ax.annotate(
                f"Mục tiêu {x}: {_fmt(y, _decimals([y]))}",
                (x, y),
                textcoords="offset points",
                xytext=(-4, 6),
                ha="right",
                fontsize=9,
                color=COLOR_TARGET,
            )

    if boundary is not None and all_years and all_years[0] < boundary[0] < all_years[-1]:
        ax.axvline(boundary[0], color="#7a5c00", linewidth=1.2, linestyle=(0, (4, 2)))
        ax.annotate(
            boundary[1], (boundary[0], 1.0), xycoords=("data", "axes fraction"),
            xytext=(3, -2), textcoords="offset points", ha="left", va="top", fontsize=8,
            color="#7a5c00",
        )  # fmt: skip
    ax.set_xticks(all_years)
    ax.set_xticklabels([str(y) for y in all_years])
    if len(all_years) == 1:
        ax.set_xlim(all_years[0] - 1, all_years[0] + 1)
    else:
        pad = max(0.3, (all_years[-1] - all_years[0]) * 0.05)
        ax.set_xlim(all_years[0] - pad, all_years[-1] + pad)
    low, high = min(all_values), max(all_values)
    span = (high - low) or max(abs(high), 1.0)
    bottom = 0 if low >= 0 and low < span * 2 else low - span * 0.2
    ax.set_ylim(bottom, high + span * 0.25)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_formatter(_axis_formatter())
    if unit_label:
        ax.set_ylabel(unit_label, fontsize=10)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=9)
    if lower_is_better:
        ax.text(
            1.0,
            1.01,
            "↓ càng thấp càng tốt",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=8,
            color="#333333",
        )
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False, fontsize=9)

    parts = [
        f"{y}: {_fmt(v, dec)}{suffix}{' (ước tính)' if y in set(estimated_years) else ''}"
        for y, v in actual
    ]
    parts += [f"{y}: không có số liệu" for y in missing]
    parts += [f"mục tiêu {y}: {_fmt(v, _decimals([v]))}{suffix}" for y, v in targets]
    shown = {y for y, _ in targets} or {y for y, _ in proj}
    limits = {y: (lo, hi) for y, lo, hi in spans}
    for y, v in proj:
        if (y, v) in actual or y not in shown:
            continue
        text = f"dự báo {y}: {_fmt(v, 1)}{suffix}"
        if y in limits:
            lo, hi = limits[y]
            text += f" (khoảng dự báo {CONFIDENCE}%: {_fmt(lo, 1)} - {_fmt(hi, 1)}{suffix})"
        parts.append(text)
    for (x0, y0), (x1, y1) in lines:
        parts.append(
            f"lộ trình từ {_fmt(y0, 1)}{suffix} năm {x0} đến {_fmt(y1, 1)}{suffix} năm {x1}"
        )
    if boundary is not None:
        parts.append(f"đường dọc: {boundary[1]}")
    summary = "; ".join(parts)
    if lower_is_better:
        summary += ". Chỉ tiêu càng thấp càng tốt"
    return Chart(title, f"{title}. {summary}.", fig)


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[Number | None],
    target: Number | None = None,
    unit_label: str = "",
) -> Chart:
    """Horizontal bars (long Vietnamese unit names stay readable), value printed on each bar,
    the target as a labelled dashed line; bars short of the target are lighter."""
    pairs = [
        (str(label), None if v is None else float(v))
        for label, v in zip(labels, values, strict=True)
    ]
    suffix = _unit_suffix(unit_label)
    height = max(2.6, 0.42 * len(pairs) + 1.4)
    fig = _new_figure(7.0, height)
    ax = fig.add_subplot()
    ax.set_title(title, fontsize=12, loc="left", wrap=True, pad=18 if target is not None else 6)
    present = [v for _, v in pairs if v is not None]
    if not present:
        _empty(ax)
        return Chart(title, f"{title}. Chưa có số liệu.", fig)
    dec = _decimals(present)
    positions = list(range(len(pairs)))[::-1]
    bar_values = [v or 0.0 for _, v in pairs]
    lower_target = target is not None
    colors = [
        COLOR_BAR_MISS if lower_target and v is not None and v < float(target) else COLOR_BAR
        for _, v in pairs
    ]
    bars = ax.barh(
        positions, bar_values, color=colors, edgecolor=COLOR_ACTUAL, linewidth=0.6, height=0.62
    )
    for bar, (_, v) in zip(bars, pairs, strict=True):
        text = "không có số liệu" if v is None else _fmt(v, dec)
        ax.annotate(
            text,
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            textcoords="offset points",
            xytext=(4, 0),
            va="center",
            fontsize=9,
        )
    ax.set_yticks(positions)
    ax.set_yticklabels([label for label, _ in pairs], fontsize=9)
    high = max(present + ([float(target)] if target is not None else []))
    ax.set_xlim(0, high * 1.18 if high > 0 else 1)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    ax.xaxis.set_major_formatter(_axis_formatter())
    if target is not None:
        ax.axvline(float(target), color=COLOR_TARGET, linestyle="--", linewidth=1.4)
        ax.annotate(
            f"Mục tiêu: {_fmt(target, _decimals([target]))}",
            (float(target), 1.0),
            xycoords=("data", "axes fraction"),
            textcoords="offset points",
            xytext=(3, 2),
            fontsize=9,
            color=COLOR_TARGET,
            va="bottom",
        )
    if unit_label:
        ax.set_xlabel(unit_label, fontsize=10)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=9)

    parts = [
        f"{label}: {'không có số liệu' if v is None else _fmt(v, dec) + suffix}"
        for label, v in pairs
    ]
    if target is not None:
        parts.append(f"mục tiêu: {_fmt(target, _decimals([target]))}{suffix}")
    return Chart(title, f"{title}. " + "; ".join(parts) + ".", fig)
