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

# The analysis modules load on first use (`kaiyuan.timeline.unresolved(...)` after `import kaiyuan`), so importing the
# package stays light for worker processes and does not depend on which stage happened to import them first.
_SUBMODULES = frozenset({"actors", "clean", "corpus", "evaluate", "metadata", "quotes", "stance", "timeline", "views"})


def __getattr__(name: str):
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
