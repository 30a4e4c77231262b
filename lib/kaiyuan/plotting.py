"""Plot style: an open-licensed CJK font (Noto Sans CJK SC, SIL OFL, shipped in the mplfonts wheel) and a house style."""
from __future__ import annotations

import functools
from pathlib import Path

FONT_FILE = "NotoSansCJKsc-Regular.otf"
FONT_NAME = "Noto Sans CJK SC"
PALETTE = ["#3b6ea5", "#d1603d", "#5a9e6f", "#8c6bb1", "#c9a227", "#6b6b6b", "#e377c2", "#17becf"]


def font_path() -> Path:
    """Path of the bundled Noto Sans CJK SC font file."""
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / FONT_FILE
    if not path.exists():
        raise FileNotFoundError(f"CJK font missing: {path} (reinstall the environment: make setup)")
    return path


CELL_CHARS = 400   # characters of a table cell shown in notebooks and reports (pandas cuts at 50 by default)


def setup() -> str:
    """Register the CJK font with matplotlib, apply the house style and let table cells show whole
    sentences (they wrap in the pages' CSS instead of being cut with "..."); returns the font name."""
    import pandas as pd

    pd.set_option("display.max_colwidth", CELL_CHARS)
    return _matplotlib_style()


@functools.lru_cache(maxsize=1)
def _matplotlib_style() -> str:
    import matplotlib as mpl
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font_path()))
    mpl.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_NAME, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 13,
        "axes.titleweight": "normal",
        "axes.labelsize": 11,
        "axes.prop_cycle": mpl.cycler(color=PALETTE),
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "svg.hashsalt": "kaiyuan",
    })
    return FONT_NAME


def save(fig, data, path_stem: str | Path) -> tuple[Path, Path]:
    """Save a figure as PNG next to a CSV of the numbers it draws (every chart ships its data)."""
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, csv = stem.with_suffix(".png"), stem.with_suffix(".csv")
    fig.savefig(png, metadata={"Software": None})
    data.to_csv(csv, index=False, encoding="utf-8-sig")
    return png, csv


def repel_boxes(boxes, pad: float = 2.0, max_iter: int = 500, fixed=()) -> list[tuple[float, float]]:
    """Offsets (dx, dy) that move axis-aligned boxes (x0, y0, x1, y1) apart until no two overlap.

    Deterministic label repulsion (adjustText is not a dependency): each overlapping pair is pushed
    apart, half each, along the axis where they overlap least; the lower index moves up (or right) on a
    tie.  Boxes whose index is in `fixed` (obstacles such as the nodes of a graph) never move: the other
    box of the pair moves the whole way.  `pad` is the gap kept between boxes, in the boxes' units."""
    pos = [[float(b[0]), float(b[1]), float(b[2]), float(b[3])] for b in boxes]
    start = [(b[0], b[1]) for b in pos]
    still = set(fixed)
    for _ in range(max_iter):
        moved = False
        for i in range(len(pos)):
            for j in range(i + 1, len(pos)):
                if i in still and j in still:
                    continue
                a, b = pos[i], pos[j]
                ox = min(a[2], b[2]) - max(a[0], b[0]) + pad
                oy = min(a[3], b[3]) - max(a[1], b[1]) + pad
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                share_a = 0.0 if i in still else 1.0 if j in still else 0.5
                if oy <= ox:
                    sign = 1.0 if (a[1] + a[3]) >= (b[1] + b[3]) else -1.0
                    _shift(a, 0.0, sign * oy * share_a)
                    _shift(b, 0.0, -sign * oy * (1 - share_a))
                else:
                    sign = 1.0 if (a[0] + a[2]) >= (b[0] + b[2]) else -1.0
                    _shift(a, sign * ox * share_a, 0.0)
                    _shift(b, -sign * ox * (1 - share_a), 0.0)
        if not moved:
            break
    return [(b[0] - s[0], b[1] - s[1]) for b, s in zip(pos, start)]


def _shift(box: list, dx: float, dy: float) -> None:
    box[0] += dx
    box[2] += dx
    box[1] += dy
    box[3] += dy


def place_labels(ax, texts, anchors=None, obstacles=(), pad_px: float = 3.0, leader_px: float = 12.0) -> None:
    """Move text labels (matplotlib Text objects in data coordinates) so that none overlaps another or an
    obstacle (pixel boxes (x0, y0, x1, y1) that stay put, e.g. the nodes of a graph; repel_boxes); a
    label moved further than `leader_px` from its anchor (data x, y) gets a thin line back to it.
    Fix the axes limits first: a later autoscale would move the labels together."""
    if not texts:
        return
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    labels = [(b.x0, b.y0, b.x1, b.y1) for b in boxes]
    offsets = repel_boxes(labels + [tuple(o) for o in obstacles], pad=pad_px,
                          fixed=range(len(labels), len(labels) + len(obstacles)))[:len(labels)]
    # obstacles are best effort; labels never overlap each other: a label-only pass settles any left
    moved = [(x0 + dx, y0 + dy, x1 + dx, y1 + dy) for (x0, y0, x1, y1), (dx, dy) in zip(labels, offsets)]
    offsets = [(dx + ex, dy + ey) for (dx, dy), (ex, ey) in zip(offsets, repel_boxes(moved, pad=pad_px))]
    to_data = ax.transData.inverted()
    for t, (dx, dy), anchor in zip(texts, offsets, anchors or [None] * len(texts)):
        if not (dx or dy):
            continue
        x, y = ax.transData.transform(t.get_position())
        t.set_position(to_data.transform((x + dx, y + dy)))
        if anchor is not None and (dx * dx + dy * dy) ** 0.5 > leader_px:
            ax.plot([anchor[0], t.get_position()[0]], [anchor[1], t.get_position()[1]],
                    color="#999", lw=0.5, zorder=0.5)


def marker_boxes(ax, points, sizes) -> list[tuple[float, float, float, float]]:
    """Pixel boxes of scatter markers at data `points` with matplotlib marker `sizes` (points², as node_size)."""
    scale = ax.figure.dpi / 72.0
    out = []
    for (x, y), size in zip(points, sizes):
        px, py = ax.transData.transform((x, y))
        r = (size ** 0.5) / 2 * scale
        out.append((px - r, py - r, px + r, py + r))
    return out
