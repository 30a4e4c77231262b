"""Shared page parts for the metadata shape tests (test_metadata_shapes9, 10, 11): a headline and three body sentences
in each script, written for the tests, and `process_page`, which reads a page as `kaiyuan run` reads a .txt or .html
file (corpus.process_file). No page text of real pages."""
from __future__ import annotations

from kaiyuan.corpus import Article, process_file

TITLE = "开源大模型再掀热潮：国产团队发布新版本"
TITLE_TW = "開源大模型再掀熱潮　國產團隊發布新版本"
BODY = ["某团队周三在社区平台公开了新版模型的全部权重，并附上了详细的训练报告。",
        "多位研究人员表示，这一做法让外界可以复现结果，也有助于推动行业透明度。",
        "不过也有分析人士提醒，开源并不等于没有风险，模型可能被滥用于生成虚假信息。"]
BODY_TW = ["某團隊週三在社群平台公開新版模型的全部權重，並附上詳細的訓練報告。",
           "多位研究人員表示，這一做法讓外界可以重現結果，也有助於推動產業透明度。",
           "不過也有分析人士提醒，開源並不等於沒有風險，模型可能被濫用於生成假訊息。"]


def process_page(tmp_path, text: str, name: str = "page.txt") -> Article:
    """The article `kaiyuan run` makes of `text` saved as `name` in tmp_path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return process_file(path, tmp_path)
