"""The rows of the dashboard's table as HTML, written in one pass over the rows: what the
row template wrote, without a template include, tag and URL lookup per cell."""

from urllib.parse import quote

from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .forecast import NOT_ENOUGH
from .wording import coverage, quantity, target

# A code no indicator has: where the indicator's code goes in the detail page's URL.
_CODE_MARK = "INDICATOR-CODE-MARK"


def _muted(text) -> str:
    return f'<span class="muted">{text}</span>'


def _status(s, seen: dict[str, str]) -> str:
    if s.status not in seen:
        seen[s.status] = (
            f'<span class="status {esc(s.css)}"><span aria-hidden="true">{esc(s.icon)}</span> '
            f"{esc(s.label)}</span>\n"
        )
    return seen[s.status]


def _forecast(s, indicator) -> str:
    if s.target is None:
        return _muted(esc(_("no target")))
    if s.prediction:
        text = esc(quantity(s.projection, indicator))
        if s.low is not None:
            low, high = esc(quantity(s.low, indicator)), esc(quantity(s.high, indicator))
            text += "<br>" + _muted(
                _("95%% interval %(low)s – %(high)s") % {"low": low, "high": high}
            )
        if s.required is not None:
            path = _("path %(y)s: %(v)s") % {
                "y": esc(s.required_year),
                "v": esc(quantity(s.required, indicator)),
            }
            text += "<br>" + _muted(path)
        return text
    if s.status == NOT_ENOUGH:
        n = s.years
        return _muted(
            ngettext("%(n)s yearly value, 3 needed", "%(n)s yearly values, 3 needed", n)
            % {"n": esc(n)}
        )
    return _muted(esc(_("not forecast")))


def _latest(r) -> str:
    latest = r.latest
    if not latest:
        return _muted(esc(_("no data")))
    ind = r.indicator
    text = f"{esc(quantity(latest.value, ind))} {_muted(f'({esc(r.latest_year)})')}"
    if latest.estimated:
        text += f' <span class="status none estimated">{esc(_("estimated"))}</span>'
    elif latest.remapped:
        text += f' <span class="muted remapped">{esc(_("re-mapped"))}</span>'
    if c := coverage(r.coverage):
        text += "<br>" + _muted(esc(c))
    return text


def _target(s, indicator) -> str:
    if s.target is None:
        return _muted(esc(_("no target")))
    return esc(target(s.target, s.comparison, indicator))


def _local(r) -> str:
    lt = r.local_target
    if not lt:
        return _muted(esc(_("none")))
    text = esc(target(lt.value, lt.comparison, r.indicator))
    return f"{text} {_muted(f'({esc(lt.year)}, {esc(lt.source)})')}"


def _statuses(s25, s30, seen: dict[str, str]) -> str:
    text = ""
    if s25.target is not None:
        text += f"<div>2025: {_status(s25, seen)}</div>"
    if s30.target is not None:
        text += f"<div>2030: {_status(s30, seen)}</div>"
    if s25.target is None and s30.target is None:
        text += _status(s25, seen)
    return text


def _name(r) -> str:
    ind = r.indicator
    notes = esc(ind.unit_label)
    if ind.lower_is_better:
        notes += "; " + esc(_("lower is better"))
    if not ind.aggregates:
        notes += "; " + esc(_("this unit only"))
    others = "".join(f", {esc(o.code)}" for o in r.same_as)
    unconfirmed = (
        f'<span class="status none">{esc(_("unconfirmed target"))}</span>'
        if ind.unconfirmed
        else ""
    )
    return f"{others} {esc(ind.name)}\n      {_muted(f'({notes})')}\n      {unconfirmed}</th>"


def dashboard_rows(rows, unit, year: int) -> SafeString:
    """The table's body rows of `unit`'s dashboard for `year`, every value in them escaped."""
    before, _mark, after = reverse("indicators:detail", args=[unit.pk, _CODE_MARK]).rpartition(
        _CODE_MARK
    )
    query = f"?year={esc(year)}"
    seen: dict[str, str] = {}
    out = []
    for r in rows:
        s25, s30 = r.statuses[0], r.statuses[1]
        ind = r.indicator
        href = esc(f"{before}{quote(ind.code, safe=RFC3986_SUBDELIMS + '/~:@')}{after}")
        out.append(
            f'\n  <tr>\n    <th scope="row"><a href="{href}{query}">{esc(ind.code)}</a>'
            f"{_name(r)}\n"
            f'    <td class="num">{_latest(r)}</td>\n'
            f'    <td class="num">{_target(s25, ind)}</td>\n'
            f'    <td class="num">{_target(s30, ind)}</td>\n'
            f'    <td class="num">{_local(r)}</td>\n'
            f'    <td class="num">{_forecast(s25, ind)}\n</td>\n'
            f'    <td class="num">{_forecast(s30, ind)}\n</td>\n'
            f"    <td>{_statuses(s25, s30, seen)}</td>\n  </tr>\n  "
        )
    # Every text in it was escaped above (tests/security/test_xss_browser.py).
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703
