"""The inline SVG charts: a real time axis (distance is time, gaps break a line), gridlines and their labels,
end labels kept apart, the pay chart's bands and rows, and labels escaped and kept inside the picture."""

import re
import xml.etree.ElementTree as ET

import pytest
from mljobs.analysis import charts, svg, timeline
from mljobs.analysis.timeline import Line

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*</svg>", html, re.S)[0])


def xs(group: ET.Element) -> list[float]:
    """The x of every point of a series, in drawing order."""
    found = []
    for element in group:
        if element.tag.endswith("polyline"):
            found += [float(p.split(",")[0]) for p in element.get("points").split()]
        elif element.tag.endswith("circle"):
            found.append(float(element.get("cx")))
    return found


def series_group(root: ET.Element, name: str) -> ET.Element:
    return next(g for g in root.iterfind("s:g", NS) if g.findtext("s:title", namespaces=NS) == name)


def test_distance_on_the_axis_is_time_and_a_two_year_gap_breaks_the_line() -> None:
    points = [("2014-01", 0.1), ("2014-02", 0.2), ("2016-02", 0.3), ("2016-03", 0.1)]
    root = parse(timeline.lines([Line("a", points)], "c"))
    group = series_group(root, "a")
    jan, feb, later, last = xs(group)
    assert jan < feb < later < last
    assert (later - feb) / (feb - jan) == pytest.approx(24, rel=0.01)
    assert len(group.findall("s:polyline", NS)) == 2  # nothing drawn across the two missing years


def test_months_mix_with_quarters_and_years_on_one_axis() -> None:
    root = parse(timeline.lines([Line("monthly", [("2019-01", 0.1), ("2019-12", 0.2)]),
                                 Line("quarterly", [("2019-Q1", 0.1), ("2019-Q2", 0.1)]),
                                 Line("yearly", [("2019", 0.05), ("2020", 0.06)], dashed=True)], "c"))
    jan, dec = xs(series_group(root, "monthly"))
    q1, q2 = xs(series_group(root, "quarterly"))
    mid_2019, mid_2020 = xs(series_group(root, "yearly"))
    month = (dec - jan) / 11
    assert q1 == pytest.approx(jan + month, abs=0.2) and q2 - q1 == pytest.approx(3 * month, abs=0.2)
    assert mid_2019 == pytest.approx(jan + 5.5 * month, abs=0.2)  # a year's point sits at its middle
    assert mid_2020 - mid_2019 == pytest.approx(12 * month, abs=0.2)
    assert series_group(root, "yearly").find("s:polyline", NS).get("stroke-dasharray")


def test_short_gaps_are_bridged_longer_ones_break_and_a_lone_point_is_a_dot() -> None:
    three_missing = [("2020-01", 0.1), ("2020-05", 0.2)]
    four_missing = [("2020-01", 0.1), ("2020-06", 0.2), ("2020-07", 0.1)]
    root = parse(timeline.lines([Line("bridged", three_missing), Line("broken", four_missing)], "c"))
    assert len(series_group(root, "bridged").findall("s:polyline", NS)) == 1
    broken = series_group(root, "broken")
    assert len(broken.findall("s:circle", NS)) == 1 and len(broken.findall("s:polyline", NS)) == 1


def test_year_gridlines_and_percent_gridlines_are_labelled() -> None:
    html = timeline.lines([Line("a", [("2013-08", 0.04), ("2026-10", 0.33)])], "c")
    labels = [t.text for t in parse(html).iterfind("s:text", NS)]
    assert {"0%", "10%", "20%", "30%", "40%"} <= set(labels)
    years = sorted(int(label) for label in labels if label and label.isdigit())
    assert years[0] >= 2014 and years[-1] <= 2026 and len(years) >= 4
    assert len({b - a for a, b in zip(years, years[1:], strict=False)}) == 1  # evenly thinned
    assert "33.0%" in labels  # the last value at the line's end
    assert len(parse(html).findall("s:line", NS)) >= 5 + (2026 - 2014 + 1)  # every year and every 10% drawn


def test_a_short_span_gets_month_ticks_and_small_shares_decimals() -> None:
    html = timeline.lines([Line("a", [("2026-01", 0.002), ("2026-06", 0.006)])], "c")
    labels = {t.text for t in parse(html).iterfind("s:text", NS)}
    assert {"2026-01", "0.2%", "0.6%"} <= labels


def test_end_labels_that_would_overlap_are_nudged_apart_and_stay_in_the_plot() -> None:
    placed = timeline.nudge([(400, 100), (400, 101), (402, 100.5), (100, 100)], low=10, high=200)
    near = sorted(placed[:3])
    assert all(b - a >= timeline.LABEL_GAP for a, b in zip(near, near[1:], strict=False))
    assert placed[3] == 100  # far away across: left alone
    crowded = timeline.nudge([(400, 199)] * 5, low=10, high=200)
    assert max(crowded) <= 200 and min(crowded) >= 10
    assert len(set(crowded)) == 5


def test_legend_wraps_as_html_and_names_are_escaped() -> None:
    html = timeline.lines([Line("<script>x</script>", [("2020", 0.1), ("2021", 0.2)]),
                           Line("ref & co", [("2020", 0.05), ("2021", 0.06)], dashed=True)], "a <b> caption")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<ul class=legend>" in html and "key dashed" in html and "ref &amp; co" in html
    root = parse(html)
    assert root.get("viewBox") == f"0 0 {svg.WIDTH} {root.get('viewBox').split()[3]}"
    assert root.get("width") is None  # the page's CSS scales it to the screen


def test_too_few_periods_say_so() -> None:
    assert "no data for this chart" in timeline.lines([Line("a", [("2020-01", 0.1)])], "c")


def test_pay_chart_draws_a_band_per_level_and_a_row_per_kind() -> None:
    rows = [charts.PayRow("entry", "postings", 12, 90e3, 100e3, 110e3, 90e3, 120e3),
            charts.PayRow("entry", "survey", 80, 85e3, 95e3, 105e3, 90e3, 120e3),
            charts.PayRow("senior", "postings", 0, None, None, None, 150e3, None)]
    html = charts.pay(rows, "pay")
    root = parse(html)
    labels = [t.text for t in root.iterfind("s:text", NS)]
    assert {"entry", "senior", "postings n=12", "survey n=80", "postings n=0", "$0"} <= set(labels)
    assert html.count('class="band"') == 2 and html.count('class="iqr"') == 2
    ticks = [float(t.get("x")) for t in root.iterfind("s:text", NS) if t.text.startswith("$")]
    assert max(ticks) + 25 <= svg.WIDTH  # the last tick's label is not cut at the edge


def test_bar_labels_too_long_are_cut_with_the_whole_label_as_a_tooltip() -> None:
    long = "A very long skill name that cannot possibly fit"
    root = parse(charts.bars([charts.Bar(long, 0.5), charts.Bar("Python", 0.25)], "skills"))
    texts = list(root.iterfind("s:text", NS))
    cut = next(t for t in texts if t.findtext("s:title", namespaces=NS) == long)
    assert cut.text is None or cut.text.endswith("…")
    assert "".join(cut.itertext()).endswith("…")
    assert any(t.text == "Python" for t in texts)
