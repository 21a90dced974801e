"""Progress of long imports as a Rich bar on stderr (the CLI's ``import sipri``)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

__all__ = ["StageBar"]


class StageBar:
    """A Rich progress bar on stderr, one task per stage; does nothing when disabled.

    It is a :class:`armsgraph.load.sipri.Progress`; use it as a context manager around the
    work it reports on.
    """

    def __init__(self, enabled: bool = True) -> None:
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        if enabled:
            self._bar = Progress(
                TextColumn("{task.description:<30}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )

    def __enter__(self) -> StageBar:
        if self._bar is not None:
            self._bar.start()
        return self

    def stage(self, description: str, total: int | None = None) -> None:
        """Start a new task; ``total=None`` shows a pulsing bar (no known length)."""
        if self._bar is not None:
            if self._task is not None and self._bar.tasks[-1].total is not None:
                self._bar.update(self._task, completed=self._bar.tasks[-1].total)
            self._task = self._bar.add_task(description, total=total)

    def advance(self) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            if self._task is not None and exc[0] is None and self._bar.tasks[-1].total is None:
                self._bar.update(self._task, total=1, completed=1)
            self._bar.stop()
