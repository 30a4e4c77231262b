"""Build, execute and pair the numbered notebooks (jupytext percent scripts <-> .ipynb with outputs).

`python -m kaiyuan.notebooks execute` re-executes every notebook in place so its stored
outputs match what the code produces now (nbval compares them in `make test`).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = REPO / "notebooks"
KERNEL = "python3"


def notebook_scripts(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The numbered notebooks' percent-format sources, in order."""
    return sorted(folder.glob("[0-9][0-9]_*.py"))


def ipc_kernel_manager():
    """Kernel manager class whose kernels talk over local IPC sockets in the temporary folder
    instead of TCP ports: nothing listens on the network, and ipykernel has no reason to print its
    "running over TCP without encryption" warning once per executed notebook."""
    import os
    import tempfile
    import uuid

    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            # socket files <temp>/kaiyuan-kernel-<id>-<n>; jupyter_client removes them at shutdown
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(tempfile.gettempdir(), f"kaiyuan-kernel-{uuid.uuid4().hex[:12]}"))
            super().__init__(**kwargs)

        async def _async_interrupt_kernel(self) -> None:
            # jupyter_client sends SIGINT before every shutdown request; an idle ipykernel then logs
            # "KeyboardInterrupt caught in kernel" at ERROR level, noise after every notebook. At shutdown
            # the notebook has finished, so there is nothing to interrupt: the shutdown request suffices.
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

        interrupt_kernel = _async_interrupt_kernel

    return IPCKernelManager


def build(script: Path):
    """Notebook object from a percent script, with the kernel set and jupytext pairing recorded."""
    import jupytext

    nb = jupytext.read(script)
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i:02d}"  # deterministic ids: re-executing a notebook does not churn its diff
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL}
    nb.metadata.setdefault("jupytext", {})["formats"] = "ipynb,py:percent"
    return nb


def execute(script: Path, timeout: int = 900) -> Path:
    """Execute a notebook with its default parameters (cwd = notebooks/) and write the .ipynb beside it."""
    import nbformat
    from nbclient import NotebookClient

    nb = build(script)
    NotebookClient(nb, timeout=timeout, kernel_name=KERNEL, resources={"metadata": {"path": str(script.parent)}},
                   kernel_manager_class=ipc_kernel_manager()).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    out = script.with_suffix(".ipynb")
    nbformat.write(nb, out)
    return out


def in_sync(script: Path) -> bool:
    """True when the .ipynb and its percent script hold the same cells (sources and types)."""
    import jupytext

    ipynb = script.with_suffix(".ipynb")
    if not ipynb.exists():
        return False
    a, b = jupytext.read(script), jupytext.read(ipynb)
    strip = lambda nb: [(c.cell_type, c.source.strip()) for c in nb.cells]  # noqa: E731
    return strip(a) == strip(b)


def main(argv: list[str] | None = None) -> int:
    """CLI: `execute [names...]` re-runs notebooks in place; `check` lists notebooks out of sync."""
    args = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    scripts = notebook_scripts()
    if args and args[0] == "execute":
        wanted = args[1:]
        for script in scripts:
            if not wanted or any(w in script.name for w in wanted):
                logging.info("executing %s", script.name)
                execute(script)
        return 0
    if args and args[0] == "check":
        bad = [s.name for s in scripts if not in_sync(s)]
        for name in bad:
            print(f"out of sync: {name}")
        return 1 if bad else 0
    print("usage: python -m kaiyuan.notebooks execute [name ...] | check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
