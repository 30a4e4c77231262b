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


@functools.lru_cache(maxsize=1)
def setup() -> str:
    """Register the CJK font with matplotlib and apply the house style; returns the font name."""
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
