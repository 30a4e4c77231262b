"""Plot style: Chinese (simplified and traditional) renders with an open-licensed CJK font, no missing glyphs."""
from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from kaiyuan import plotting  # noqa: E402

LABELS = ["開源與闭源", "人工智慧", "监管机构", "Meta（脸书）", "扎克伯格說：“開放”"]


def test_font_is_open_licensed_noto_sans_cjk_and_resolvable():
    path = plotting.font_path()
    assert path.is_file() and path.stat().st_size > 1_000_000
    assert path.name.startswith("NotoSansCJK")  # Noto Sans CJK: SIL Open Font License
    name = plotting.setup()
    assert name == "Noto Sans CJK SC"
    found = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    assert font_manager.FontProperties(fname=found).get_name() == name
    assert matplotlib.rcParams["font.sans-serif"][0] == name


def test_chinese_figure_renders_without_missing_glyph_warnings(tmp_path):
    plotting.setup()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots(figsize=(6, 3))
        ax.bar(LABELS, [5, 3, 4, 2, 1])
        ax.set_title("开源人工智能辩论：各方立场（繁體與简体）")
        ax.set_xlabel("行为者")
        ax.set_ylabel("提及次数 −1")  # unicode minus as well
        out = tmp_path / "chart.png"
        fig.savefig(out)
        plt.close(fig)
    problems = [str(w.message) for w in caught
                if "missing from font" in str(w.message) or "Glyph" in str(w.message)]
    assert problems == []
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_save_writes_the_png_next_to_its_data(tmp_path):
    plotting.setup()
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2])
    ax.set_title("時間線")
    data = pd.DataFrame({"月份": ["2024-01", "2024-02", "2024-03"], "文章数": [3, 1, 2]})
    png, csv = plotting.save(fig, data, tmp_path / "sub" / "timeline")
    plt.close(fig)
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert pd.read_csv(csv, encoding="utf-8-sig").equals(data)


def overlaps(boxes, pad=0.0):
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if min(boxes[i][2], boxes[j][2]) - max(boxes[i][0], boxes[j][0]) > pad
            and min(boxes[i][3], boxes[j][3]) - max(boxes[i][1], boxes[j][1]) > pad]


def test_repel_boxes_separates_overlapping_labels_and_leaves_free_ones_alone():
    # two labels on the same spot, a third one far away
    boxes = [(0, 0, 40, 10), (5, 2, 45, 12), (100, 100, 120, 110)]
    offsets = plotting.repel_boxes(boxes, pad=2)
    moved = [(b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy) for b, (dx, dy) in zip(boxes, offsets)]
    assert overlaps(moved) == []
    assert offsets[2] == (0.0, 0.0)
    # pushed apart vertically (they overlap less that way), the higher one up, by half each
    assert offsets[1][1] > 0 > offsets[0][1] and offsets[0][0] == offsets[1][0] == 0.0
    assert plotting.repel_boxes(boxes, pad=2) == offsets  # deterministic


def test_repel_boxes_untangles_a_pile_of_labels():
    boxes = [(i % 3, i % 2, i % 3 + 30, i % 2 + 8) for i in range(12)]
    offsets = plotting.repel_boxes(boxes, pad=1)
    moved = [(b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy) for b, (dx, dy) in zip(boxes, offsets)]
    assert overlaps(moved) == []


def test_repel_boxes_never_moves_a_fixed_obstacle():
    # a label sitting on a node: the node stays, the label moves the whole way (up: its centre is higher)
    boxes = [(0, 5, 40, 15), (10, 0, 30, 10)]
    offsets = plotting.repel_boxes(boxes, pad=2, fixed=[1])
    assert offsets[1] == (0.0, 0.0)
    assert offsets[0] == (0.0, 7.0)  # overlap 5 + pad 2


def test_setup_lets_a_long_chinese_sentence_show_whole_in_a_table():
    import pandas as pd

    sentence = "扎克伯格在公开信中写道，开源人工智能是前进的道路，" * 6   # 150 characters
    with pd.option_context("display.max_colwidth", 50):
        plotting.setup()
        shown = repr(pd.DataFrame({"sentence": [sentence]}))   # notebooks' HTML tables use the same option
    assert sentence in shown and "..." not in shown
