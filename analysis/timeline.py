"""Line charts of shares on a real time axis, as inline SVG for the HTML report.

A point sits at the middle of its period ('YYYY-MM', 'YYYY-Qn' or 'YYYY'), so months, quarters and years can
share one axis and the distance between two points is the time between them. A line breaks where its series
has no value for more than GAP_MONTHS months: HN's history ends in 2018 and a crawl starts years later, and a
line drawn across that stretch would show a trend nobody measured."""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from mljobs.analysis import svg
from mljobs.analysis.svg import AXIS, COLOURS, FONT, Key

GAP_MONTHS = 3
LEFT = 40  # y-axis labels
RIGHT = 44  # room for the last value's label
TOP = 8
PLOT_HEIGHT = 190
LABEL_GAP = FONT  # end labels nearer than this (vertically) overlap
LABEL_REACH = 40  # ... when they are also nearer than this horizontally
YEAR_TICK = 36  # the least room for a year label, in units
MONTH_TICK = 56  # ... and for a 'YYYY-MM' label


@dataclass(frozen=True)
class Line:
    name: str
    points: Sequence[tuple[str, float]]  # (period, share 0..1)
    dashed: bool = False  # an outside reference, not mljobs' own count


def lines(series: Sequence[Line], caption: str, note: str = "") -> str:
    """One line per series with its last value labelled at its end, year (or month) gridlines and percent
    gridlines; `note` is escaped HTML for the caption (a citation)."""
    series = [s for s in series if s.points]
    periods = {p for s in series for p, _ in s.points}
    if len(periods) < 2:
        return svg.empty(caption + " (needs two periods or more with enough postings)")
    start = min(span(p)[0] for p in periods)
    end = max(sum(span(p)) for p in periods)
    width = svg.WIDTH - LEFT - RIGHT
    step = _share_step(max(v for s in series for _, v in s.points))
    ceiling = step * max(math.ceil(max(v for s in series for _, v in s.points) / step), 1)

    def x(month: float) -> float:
        return LEFT + width * (month - start) / (end - start)

    def y(value: float) -> float:
        return TOP + PLOT_HEIGHT * (1 - value / ceiling)

    bottom = TOP + PLOT_HEIGHT
    parts = [svg.open_svg(bottom + 24, caption)]
    digits = max(0, -math.floor(math.log10(step * 100) + 1e-9))
    for i in range(round(ceiling / step) + 1):
        value = i * step
        parts.append(svg.line(LEFT, y(value), LEFT + width, y(value), AXIS if i == 0 else svg.GRID))
        parts.append(svg.text(LEFT - 5, y(value) + 4, f"{value:.{digits}%}", anchor="end"))
    for month, label in ticks(start, end, width):
        parts.append(svg.line(x(month), TOP, x(month), bottom))
        if label:
            parts.append(svg.text(x(month), bottom + 17, label, anchor="middle"))
    ends = []
    for i, s in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        parts.append(_draw(s, colour, x, y))
        period, value = max(s.points)
        ends.append((x(_middle(period)) + 3, y(value) + 4, f"{value:.{max(digits, 1)}%}", colour))
    placed = nudge([(ex, ey) for ex, ey, _, _ in ends], low=TOP + FONT / 2, high=bottom + 4)
    for (ex, _, label, colour), ey in zip(ends, placed, strict=True):
        parts.append(svg.text(ex, ey, label, css="halo end", fill=colour))
    keys = [Key(s.name, COLOURS[i % len(COLOURS)], "dashed" if s.dashed else "line") for i, s in enumerate(series)]
    parts.append(svg.close_svg(caption, keys, note))
    return "".join(parts)


def span(period: str) -> tuple[int, int]:
    """(first month, months long) of a period, months counted from January of year 0."""
    year = int(period[:4])
    if len(period) == 4:
        return year * 12, 12
    if period[5] == "Q":
        return year * 12 + (int(period[6]) - 1) * 3, 3
    return year * 12 + int(period[5:7]) - 1, 1


def _middle(period: str) -> float:
    first, length = span(period)
    return first + length / 2


def ticks(start: float, end: float, width: float) -> list[tuple[int, str]]:
    """Gridline months between start and end, each with its label or '': every year over a long span (labels
    thinned to every 2nd, 5th ... year to fit), else every month (labelled 'YYYY-MM', thinned likewise)."""
    per_month = width / (end - start)
    if end - start > 30:
        every = next(k for k in (1, 2, 5, 10, 20, 50) if k * 12 * per_month >= YEAR_TICK or k == 50)
        return [(year * 12, str(year) if year % every == 0 else "")
                for year in range(math.ceil(start / 12), math.floor(end / 12) + 1)]
    every = next(k for k in (1, 2, 3, 6, 12) if k * per_month >= MONTH_TICK or k == 12)
    return [(month, f"{month // 12}-{month % 12 + 1:02d}" if month % 12 % every == 0 else "")
            for month in range(math.ceil(start), math.floor(end) + 1)]


def _draw(series: Line, colour: str, x: Callable[[float], float], y: Callable[[float], float]) -> str:
    """The series as polylines broken at gaps, a lone point as a dot, in a group titled with its name."""
    dash = ' stroke-dasharray="6 4"' if series.dashed else ""
    parts = [f"<g><title>{escape(series.name)}</title>"]
    for run in _runs(sorted(series.points)):
        if len(run) == 1:
            period, value = run[0]
            parts.append(f'<circle cx="{x(_middle(period)):.1f}" cy="{y(value):.1f}" r="2.5" fill="{colour}"/>')
        else:
            points = " ".join(f"{x(_middle(p)):.1f},{y(v):.1f}" for p, v in run)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="{points}"/>')
    parts.append("</g>")
    return "".join(parts)


def _runs(points: list[tuple[str, float]]) -> list[list[tuple[str, float]]]:
    """The points cut where more than GAP_MONTHS months lie between one period's end and the next's start."""
    runs: list[list[tuple[str, float]]] = []
    for point in points:
        if runs and span(point[0])[0] - sum(span(runs[-1][-1][0])) <= GAP_MONTHS:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def nudge(labels: Sequence[tuple[float, float]], low: float, high: float) -> list[float]:
    """The baselines of labels at (x, y), moved apart so that labels within LABEL_REACH of each other across
    are LABEL_GAP apart at least, kept within [low, high] while there is room."""
    placed = [y for _, y in labels]
    order = sorted(range(len(labels)), key=lambda i: labels[i][0])
    clusters: list[list[int]] = []
    for i in order:
        if clusters and labels[i][0] - labels[clusters[-1][-1]][0] < LABEL_REACH:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    for cluster in clusters:
        cluster.sort(key=lambda i: placed[i])
        floor = low
        for i in cluster:  # push down past the label above
            placed[i] = max(placed[i], floor)
            floor = placed[i] + LABEL_GAP
        ceiling = high
        for i in reversed(cluster):  # then up from the bottom edge, if pushed past it
            placed[i] = min(placed[i], ceiling)
            ceiling = placed[i] - LABEL_GAP
    return placed


def _share_step(top: float) -> float:
    """A round gridline spacing (1, 2 or 5 times a power of ten) giving at most five gridlines over 0..top."""
    for exponent in range(-4, 1):
        for mantissa in (1, 2, 5):
            step = mantissa * 10.0 ** exponent
            if top / step <= 5:
                return step
    return 1.0
