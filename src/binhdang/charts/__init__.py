"""Server-side charts: one matplotlib figure gives an accessible SVG for web pages and a PNG for
documents. Uses the object-oriented Figure API (no pyplot), which is safe in threaded workers."""

from .render import Chart, bar_chart, trend_chart

__all__ = ["Chart", "bar_chart", "trend_chart"]
