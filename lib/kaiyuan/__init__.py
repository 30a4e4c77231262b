"""kaiyuan: read Chinese-language news about the open-source AI debate.

Start with `kaiyuan.analyze(corpus_dir)`: one cached run of the whole pipeline
(files -> corpus -> actors, stance, timeline -> tables).
"""
import logging as _logging

__version__ = "0.1.0"

from . import plotting  # noqa: E402
from .pipeline import Result, analyze, run  # noqa: E402

__all__ = ["Result", "analyze", "plotting", "run", "__version__"]

_logging.getLogger("jieba").setLevel(_logging.WARNING)
