"""Inline SVG bar and pay charts for the HTML report, drawn in Python so the report needs no script or CDN
(the time-axis line charts are analysis/timeline.py; the shared frame and legend analysis/svg.py)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import groupby

from mljobs.analysis import svg
from mljobs.analysis.svg import INK, Key

GUIDE = "#2b6cb0"  # bars for what the guide names
OTHER = "#a0aec0"  # bars for what it doesn't
BAND = "#c6f6d5"
BAND_EDGE = "#38a169"
LABEL_WIDTH = 196  # bar labels: 'Machine Learning Engineer' fits
ROW = 20
KIND_WIDTH = 124  # the pay chart's row labels: "postings n=1,234"
PAY_ROW = 24
HEADER = 19  # a level's name above its rows
SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}
PAY_KEYS = (Key("the guide's band", BAND_EDGE, "box", BAND), Key("market P25–P75", GUIDE, "box"),
            Key("market median", INK, "tick"))


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # a share, 0..1
    low: float | None = None  # interval whiskers, when known
    high: float | None = None
    highlight: bool = True  # drawn in the guide colour


@dataclass(frozen=True)
class PayRow:
    level: str  # rows of one level are drawn together, under one band
    kind: str  # what the row counts: "postings", "survey"
    n: int
    p25: float | None
    median: float | None
    p75: float | None
    band_low: float | None
    band_high: float | None  # None: the band has no top


def bars(items: Sequence[Bar], caption: str, keys: Sequence[Key] = ()) -> str:
    """Horizontal bars of shares with optional 95% whiskers."""
    if not items:
        return svg.empty(caption)
    top = max(max(b.high or b.value for b in items), 0.01)
    plot = svg.WIDTH - LABEL_WIDTH - 48  # room for "100.0%" after the longest bar
    parts = [svg.open_svg(ROW * len(items) + 6, caption)]
    for i, item in enumerate(items):
        y = 2 + i * ROW
        length = plot * item.value / top
        label = svg.fit(item.label, LABEL_WIDTH - 8)
        parts.append(svg.text(LABEL_WIDTH - 6, y + 15, label, anchor="end",
                              tip=item.label if label != item.label else ""))
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{ROW - 6}" '
                     f'fill="{GUIDE if item.highlight else OTHER}"/>')
        if item.low is not None and item.high is not None:
            x1, x2 = LABEL_WIDTH + plot * item.low / top, LABEL_WIDTH + plot * item.high / top
            parts.append(svg.line(x1, y + 10, x2, y + 10, INK))
        end = LABEL_WIDTH + max(length, plot * (item.high or 0) / top)
        parts.append(svg.text(end + 4, y + 15, f"{item.value:.1%}"))
    parts.append(svg.close_svg(caption, keys))
    return "".join(parts)


def pay(rows: Sequence[PayRow], caption: str, currency: str = "USD") -> str:
    """Per level, under its name: the guide's band as a shaded span behind the level's rows, and per row (job
    postings, survey answers) the market's P25–P75 as a box and the median as a tick, on one money axis with
    gridlines."""
    rows = [r for r in rows if r.median is not None or r.band_low is not None]
    if not rows:
        return svg.empty(caption)
    highest = max(v for r in rows for v in (r.p75, r.band_high, r.band_low, r.median) if v is not None)
    step = _step(highest * 1.05)
    ceiling = step * math.ceil(highest * 1.05 / step)
    left, plot = KIND_WIDTH, svg.WIDTH - KIND_WIDTH - 26  # room for half the last tick's label
    levels = [(level, list(group)) for level, group in groupby(rows, key=lambda r: r.level)]
    axis_y = sum(HEADER + PAY_ROW * len(group) + 6 for _, group in levels) + 2
    symbol = SYMBOLS.get(currency, f"{currency} ")

    def x(value: float) -> float:
        return left + plot * value / ceiling

    parts = [svg.open_svg(axis_y + 20, caption)]
    for tick in range(0, int(ceiling) + 1, int(step)):  # gridlines first, under everything
        parts.append(svg.line(x(tick), 0, x(tick), axis_y))
        label = f"{symbol}{tick / 1000:,.0f}k" if tick else f"{symbol}0"
        parts.append(svg.text(x(tick), axis_y + 15, label, anchor="middle"))
    parts.append(svg.line(left, axis_y, left + plot, axis_y, svg.AXIS))
    y = 0.0
    for level, group in levels:
        parts.append(svg.text(2, y + 14, level, css="bold"))
        y += HEADER
        band = group[0]
        if band.band_low is not None:
            right = x(band.band_high) if band.band_high is not None else left + plot
            parts.append(f'<rect class="band" x="{x(band.band_low):.1f}" y="{y:.1f}" '
                         f'width="{right - x(band.band_low):.1f}" height="{PAY_ROW * len(group)}" fill="{BAND}" '
                         f'stroke="{BAND_EDGE}"><title>the guide\'s {escape(level)} band</title></rect>')
        for r in group:
            parts.append(svg.text(left - 6, y + 16, f"{r.kind} n={r.n:,}", anchor="end"))
            if r.p25 is not None and r.p75 is not None and r.median is not None:
                parts.append(f'<rect class="iqr" x="{x(r.p25):.1f}" y="{y + 6:.1f}" '
                             f'width="{max(x(r.p75) - x(r.p25), 1):.1f}" height="12" fill="{GUIDE}" '
                             'fill-opacity="0.75"/>')
                parts.append(svg.line(x(r.median), y + 3, x(r.median), y + 21, INK, ' stroke-width="3"'))
            y += PAY_ROW
        y += 6
    parts.append(svg.close_svg(caption, PAY_KEYS))
    return "".join(parts)


def _step(ceiling: float) -> float:
    """A round tick spacing giving at most 7 ticks."""
    for step in (10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000):
        if ceiling / step <= 6:
            return step
    return 10 ** math.ceil(math.log10(ceiling / 6))
