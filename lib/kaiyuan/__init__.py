"""kaiyuan: read Chinese-language news about the open-source AI debate.

Start with `kaiyuan.analyze(corpus_dir)`: one cached run of the whole pipeline
(files -> corpus -> actors, stance, timeline -> tables).
"""
import logging as _logging

from . import plotting
from .pipeline import Result, analyze, run

__version__ = "0.1.0"
__all__ = ["Result", "analyze", "plotting", "run", "__version__"]

_logging.getLogger("jieba").setLevel(_logging.WARNING)
