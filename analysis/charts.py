"""Inline SVG charts for the HTML report, drawn in Python so the report needs no script or CDN.

Every label goes through html.escape: role and skill names are vocabulary names, but a chart must
stay safe whatever a caller passes it."""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 760
LABEL_WIDTH = 210
ROW = 22
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")
GUIDE = "#2b6cb0"  # bars for what the guide names
OTHER = "#a0aec0"  # bars for what it doesn't


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # a share, 0..1
    low: float | None = None  # interval whiskers, when known
    high: float | None = None
    highlight: bool = True  # drawn in the guide colour


@dataclass(frozen=True)
class PayRow:
    label: str
    n: int
    p25: float | None
    median: float | None
    p75: float | None
    band_low: float | None
    band_high: float | None  # None: the band has no top


def bars(items: Sequence[Bar], caption: str) -> str:
    """Horizontal bars of shares with optional 95% whiskers."""
    if not items:
        return _empty(caption)
    top = max(max(b.high or b.value for b in items), 0.01)
    plot = WIDTH - LABEL_WIDTH - 70
    height = ROW * len(items) + 30
    parts = [_open(height, caption)]
    for i, item in enumerate(items):
        y = 10 + i * ROW
        length = plot * item.value / top
        colour = GUIDE if item.highlight else OTHER
        parts.append(_text(LABEL_WIDTH - 8, y + 14, item.label, anchor="end"))
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{ROW - 6}" fill="{colour}"/>')
        if item.low is not None and item.high is not None:
            x1, x2 = LABEL_WIDTH + plot * item.low / top, LABEL_WIDTH + plot * item.high / top
            parts.append(f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y + 11}" y2="{y + 11}" stroke="#1a202c"/>')
        end = LABEL_WIDTH + max(length, plot * (item.high or 0) / top)
        parts.append(_text(end + 6, y + 15, f"{item.value:.1%}"))
    parts.append(_close(caption))
    return "".join(parts)


def pay(rows: Sequence[PayRow], caption: str) -> str:
    """Per level: the guide's band as a shaded span, the market's P25–P75 as a box, the median as a tick."""
    rows = [r for r in rows if r.median is not None or r.band_low is not None]
    if not rows:
        return _empty(caption)
    ceiling = max(v for r in rows for v in (r.p75, r.band_high, r.band_low, r.median) if v is not None) * 1.15
    plot = WIDTH - LABEL_WIDTH - 30
    height = 44 * len(rows) + 50

    def x(value: float) -> float:
        return LABEL_WIDTH + plot * value / ceiling

    parts = [_open(height, caption)]
    for i, r in enumerate(rows):
        y = 10 + i * 44
        parts.append(_text(LABEL_WIDTH - 8, y + 20, f"{r.label} (n={r.n})", anchor="end"))
        if r.band_low is not None:
            right = x(r.band_high) if r.band_high is not None else LABEL_WIDTH + plot
            parts.append(f'<rect class="band" x="{x(r.band_low):.1f}" y="{y}" width="{right - x(r.band_low):.1f}" '
                         f'height="32" fill="#c6f6d5" stroke="#38a169"><title>guide band</title></rect>')
        if r.p25 is not None and r.p75 is not None and r.median is not None:
            parts.append(f'<rect class="iqr" x="{x(r.p25):.1f}" y="{y + 8}" width="{max(x(r.p75) - x(r.p25), 1):.1f}" '
                         f'height="16" fill="{GUIDE}" fill-opacity="0.75"/>')
            parts.append(f'<line x1="{x(r.median):.1f}" x2="{x(r.median):.1f}" y1="{y + 4}" y2="{y + 28}" '
                         'stroke="#1a202c" stroke-width="3"/>')
    axis_y = height - 30
    parts.append(f'<line x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH + plot}" y1="{axis_y}" y2="{axis_y}" stroke="#4a5568"/>')
    step = _step(ceiling)
    tick = 0.0
    while tick <= ceiling:
        parts.append(_text(x(tick), axis_y + 16, f"${tick / 1000:,.0f}k", anchor="middle"))
        tick += step
    parts.append(_close(caption))
    return "".join(parts)


def lines(series: dict[str, list[tuple[str, float]]], caption: str) -> str:
    """Shares over time, one line per name; periods are 'YYYY-MM', 'YYYY-Qn' or 'YYYY', spaced by time."""
    months = sorted({m for points in series.values() for m, _ in points})
    if len(months) < 2:
        return _empty(caption + " (needs two periods or more with enough postings)")
    ordinal = {m: _month_number(m) for m in months}
    first, last = ordinal[months[0]], ordinal[months[-1]]
    top = max(max(v for _, v in points) for points in series.values()) or 1
    left, plot_w, plot_h, legend = 50, WIDTH - 230, 220, 20 * len(series)
    height = max(plot_h + 50, legend + 20)
    parts = [_open(height, caption)]

    def xy(month: str, value: float) -> str:
        return f"{left + plot_w * (ordinal[month] - first) / (last - first):.1f},{10 + plot_h * (1 - value / top):.1f}"

    parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{10 + plot_h}" y2="{10 + plot_h}" stroke="#4a5568"/>')
    parts.append(_text(left - 6, 16, f"{top:.0%}", anchor="end"))
    parts.append(_text(left - 6, 14 + plot_h, "0%", anchor="end"))
    parts.append(_text(left, plot_h + 28, months[0]))
    parts.append(_text(left + plot_w, plot_h + 28, months[-1], anchor="end"))
    for i, (name, points) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        path = " ".join(xy(m, v) for m, v in sorted(points))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        parts.append(f'<rect x="{left + plot_w + 15}" y="{12 + 20 * i}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(left + plot_w + 32, 22 + 20 * i, name))
    parts.append(_close(caption))
    return "".join(parts)


def _month_number(period: str) -> int:
    """Months since year 0 at the middle of a period."""
    year = int(period[:4])
    if len(period) == 4:
        return year * 12 + 6
    if period[5] == "Q":
        return year * 12 + (int(period[6]) - 1) * 3 + 2
    return year * 12 + int(period[5:7])


def _open(height: int, caption: str) -> str:
    return (f'<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">'
            f"<title>{escape(caption)}</title>")


def _close(caption: str) -> str:
    return f"</svg><figcaption>{escape(caption)}</figcaption></figure>"


def _text(x: float, y: float, text: str, anchor: str = "start") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'


def _empty(caption: str) -> str:
    return f'<p class="empty">{escape(caption)}: no data for this chart.</p>'


def _step(ceiling: float) -> float:
    """A round tick spacing giving 4–10 ticks."""
    for step in (10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000):
        if ceiling / step <= 10:
            return step
    return ceiling / 5
