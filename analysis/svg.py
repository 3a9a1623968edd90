"""What every inline chart of the HTML report shares: the SVG frame, text, the HTML legend and the colours.

A chart is drawn in a small coordinate space (WIDTH units wide) and scaled by CSS to the page's width, so the
same SVG's text reads at 11 px on a 390-px phone and at 16 px on a desktop (the page caps a chart at
560 px). Every label goes through html.escape:
role and skill names are vocabulary names, but a chart must stay safe whatever a caller passes it."""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 440
FONT = 13
CHAR = 7.4  # the mean advance of a FONT-unit sans-serif character, for fitting labels
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#a6a61d", "#17becf")
INK = "#1a202c"
GRID = "#e2e8f0"
AXIS = "#4a5568"


@dataclass(frozen=True)
class Key:
    """One legend entry: a swatch of `colour`, drawn as a solid or dashed line, a box, or a tick."""

    label: str
    colour: str
    shape: str = "line"  # line | dashed | box | tick
    fill: str = ""  # a box's inside, when not `colour`


def open_svg(height: float, caption: str, width: int = WIDTH) -> str:
    return (f'<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height:.0f}" '
            f'font-family="system-ui,sans-serif" font-size="{FONT}"><title>{escape(caption)}</title>')


def close_svg(caption: str, keys: Sequence[Key] = (), note: str = "") -> str:
    """Ends the SVG, then the legend (HTML, so it wraps on a narrow screen) and the caption; `note`, a sentence
    after it, is HTML the caller has escaped."""
    return f"</svg>{legend(keys)}<figcaption>{escape(caption)}{'. ' + note if note else ''}</figcaption></figure>"


def legend(keys: Sequence[Key]) -> str:
    if not keys:
        return ""
    items = "".join(f"<li><span class='key {k.shape}' style='border-color:{k.colour}"
                    f"{f';background:{k.fill or k.colour}' if k.shape == 'box' else ''}'></span>{escape(k.label)}</li>"
                    for k in keys)
    return f"<ul class=legend>{items}</ul>"


def text(x: float, y: float, label: str, anchor: str = "start", css: str = "", fill: str = "",
         tip: str = "") -> str:
    """A label; `css` names classes of the page's style ('halo' keeps it legible over lines, 'small', 'bold'),
    `tip` is a tooltip (the whole of a label cut to fit)."""
    attributes = (f' class="{css}"' if css else "") + (f' fill="{fill}"' if fill else "")
    title = f"<title>{escape(tip)}</title>" if tip else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{attributes}>{title}{escape(label)}</text>'


def fit(label: str, width: float) -> str:
    """`label` cut to what fits in `width` units, with an ellipsis when cut."""
    most = max(int(width / CHAR), 2)
    return label if len(label) <= most else label[:most - 1].rstrip() + "…"


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = GRID, extra: str = "") -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}"{extra}/>'


def empty(caption: str) -> str:
    return f'<p class="empty">{escape(caption)}: no data for this chart.</p>'
