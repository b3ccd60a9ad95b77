"""The status rule with figures worked out by hand: a least-squares line with its 95%
prediction interval, the path from the baseline to the target, and the one-jump case of the
demo's NQ28-1.1 that a straight line alone called on track for 2030."""

import math

import pytest

from binhdang.indicators import forecast

# The demo's NQ28-1.1 at Vị Xuyên: 11, 11, then 15 of 35 agencies with a woman key leader.
ONE_JUMP = {2021: 100 * 11 / 35, 2022: 100 * 11 / 35, 2023: 100 * 15 / 35}


def test_it_fits_the_line_and_its_prediction_interval_by_hand():
    # x̄ = 2022,5, Sxx = 5, Sxy = 8: slope 1,6, ȳ = 13; residuals -0,6 1,8 -1,8 0,6, SSE = 7,2,
    # s² = 7,2 / 2 = 3,6. At 2025: 13 + 1,6 x 2,5 = 17; √(1 + 1/4 + 2,5² / 5) = √2,5, so
    # s x √2,5 = √9 = 3 and the half width is t(0,975; 2) x 3 = 4,303 x 3 = 12,909.
    trend = forecast.linear_trend({2021: 10, 2022: 14, 2023: 12, 2024: 16})
    assert trend.slope == pytest.approx(1.6)
    assert trend.residual_sd == pytest.approx(math.sqrt(3.6))
    p = forecast.predict(trend, 2025)
    assert p.value == pytest.approx(17)
    assert (p.low, p.high) == (pytest.approx(17 - 12.909), pytest.approx(17 + 12.909))


def test_it_uses_student_t_for_n_minus_2_degrees_of_freedom():
    assert forecast.t_quantile(1) == 12.706
    assert forecast.t_quantile(2) == 4.303
    assert forecast.t_quantile(10) == 2.228
    assert forecast.t_quantile(35) == 2.042  # between rows: the wider interval
    assert forecast.t_quantile(500) == 1.960


def test_one_jump_no_longer_calls_nq28_1_1_on_track_for_2030():
    # The straight line alone: 35,24 + 8 x 5,714 = 80,95 in 2030, above 75: "on track".
    trend = forecast.linear_trend(ONE_JUMP)
    assert forecast.project(trend, 2030, percent=True) == pytest.approx(80.952, abs=1e-3)
    assert forecast.status(forecast.project(trend, 2030), 75, ">=") == forecast.ON_TRACK
    # With its interval: residuals 1,905 -3,810 1,905, s = 4,666 on 1 degree of freedom;
    # half width at 2030 = 12,706 x 4,666 x √(1 + 1/3 + 64/2) = 342: 0-100% once bounded.
    judged = forecast.judge(ONE_JUMP, 75, ">=", 2030, percent=True)
    assert judged.prediction.value == pytest.approx(80.952, abs=1e-3)
    assert (judged.prediction.low, judged.prediction.high) == (0.0, 100.0)
    # The path from 31,43% (2021) to 75% (2030) asks 31,43 + 43,57 x 2/9 = 41,11% in 2023:
    # 42,86% is beyond it, but the interval does not meet the target: at risk, not on track.
    assert judged.required == pytest.approx(41.111, abs=1e-3)
    assert judged.is_on_path is True
    assert judged.status == forecast.AT_RISK


def test_nq28_1_1_is_off_track_for_2025():
    # The path to 60% in 2025 asks 31,43 + 28,57 x 2/4 = 45,71% in 2023: 42,86% is behind;
    # the forecast 35,24 + 3 x 5,714 = 52,38% misses 60% by 7,62, more than 6 (10% of 60).
    judged = forecast.judge(ONE_JUMP, 60, ">=", 2025, percent=True)
    assert judged.required == pytest.approx(45.714, abs=1e-3)
    assert judged.is_on_path is False
    assert judged.prediction.value == pytest.approx(52.381, abs=1e-3)
    assert judged.status == forecast.OFF_TRACK


def test_fewer_than_three_yearly_values_give_no_status():
    judged = forecast.judge({2022: 40, 2023: 50}, 60, ">=", 2025)
    assert judged.status == forecast.NOT_ENOUGH
    assert judged.years == 2
    assert judged.prediction is None
    assert forecast.judge({}, 60, ">=", 2025).status == forecast.NOT_ENOUGH
    assert forecast.judge({2023: 50}, None, ">=", 2025).status == forecast.NO_TARGET


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # 40, 45, 50 lie on a line: the interval has no width; the path from 40 (2021)
        # asks 40 + (T - 40) / 2 in 2023.
        (60, forecast.ON_TRACK),  # path 50: reached; 60 meets >= 60
        (61, forecast.AT_RISK),  # path 50,5: behind; 60 misses by 1 <= 6,1
        (70, forecast.OFF_TRACK),  # path 55: behind; 60 misses by 10 > 7
    ],
)
def test_it_needs_both_the_path_and_the_whole_interval_for_on_track(target, expected):
    judged = forecast.judge({2021: 40, 2022: 45, 2023: 50}, target, ">=", 2025)
    assert judged.status == expected


def test_lower_is_better_targets_read_the_other_way():
    # Sex ratio at birth <= 111 in 2025. 114, 113, 112: the path from 114 asks 112,5 in 2023
    # and 112 is below it; the forecast 110 (no scatter) meets: on track.
    assert forecast.judge({2021: 114, 2022: 113, 2023: 112}, 111, "<=", 2025).status == (
        forecast.ON_TRACK
    )
    # 110, 111, 112 started within the target, so the path is the target itself: 112 is
    # above it, and the forecast 114 misses by 3 <= 11,1: at risk.
    rising = forecast.judge({2021: 110, 2022: 111, 2023: 112}, 111, "<=", 2025)
    assert rising.required == 111 and rising.status == forecast.AT_RISK
    # 110, 112, 114 against <= 109 in 2030: behind the path, 128 misses by 19 > 10,9.
    steep = forecast.judge({2021: 110, 2022: 112, 2023: 114}, 109, "<=", 2030)
    assert steep.status == forecast.OFF_TRACK


def test_a_target_year_with_a_value_is_judged_on_it():
    values = {2022: 50, 2023: 55, 2024: 58, 2025: 61}
    assert forecast.judge(values, 60, ">=", 2025).status == forecast.ACHIEVED
    assert forecast.judge(values, 62, ">=", 2025).status == forecast.NOT_ACHIEVED


def test_a_yes_no_indicator_is_judged_on_its_latest_value():
    assert forecast.judge({2023: 1}, 1, "=", 2025, yes_no=True).status == forecast.ON_TRACK
    assert forecast.judge({2023: 0}, 1, "=", 2025, yes_no=True).status == forecast.AT_RISK


def test_the_rule_is_written_for_users():
    text = str(forecast.RULE_TEXT % {"margin": "10"})
    assert "95%" in text and "3" in text and "10%" in text
