"""Reading a user's input file and writing a user's output file, with clear errors.

Both are for files a person names on the command line: an article, a register, a Turtle
file, an image to write. A folder, a missing file, a device that never ends
(``/dev/zero``) or a file over the limit is an :class:`~armsgraph.errors.InputError` naming the
path, read before anything is parsed or stored. An output is written beside its target
and renamed over it, so a failed write leaves the old file (or none), never half a file.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from .errors import InputError

__all__ = ["read_input", "write_output"]


def read_input(path: Path, what: str, *, limit: int,
               error: type[InputError] = InputError) -> bytes:
    """The bytes of ``path``, at most ``limit`` of them; anything else raises ``error``.

    ``what`` names the file in messages ("article", "SIPRI register" …). At most
    ``limit + 1`` bytes are read, so an endless device is refused as too large.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> read_input(folder, "article", limit=10)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    armsgraph.errors.InputError: cannot read article ...: it is a folder, not a file
    >>> _ = (folder / "a.txt").write_bytes(b"0123456789X")
    >>> read_input(folder / "a.txt", "article", limit=10)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    armsgraph.errors.InputError: article .../a.txt is larger than the limit of 10 bytes
    >>> read_input(folder / "a.txt", "article", limit=11)
    b'0123456789X'
    """
    p = Path(path)
    try:
        if p.is_dir():
            raise IsADirectoryError(21, "it is a folder, not a file")
        with p.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as err:
        raise error(f"cannot read {what} {p}: {err.strerror or err}") from err
    if len(data) > limit:
        raise error(f"{what} {p} is larger than the limit of {limit:,} bytes")
    return data


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (``PATH.part``, then a rename).

    A missing folder, a folder as target or a full disk raises :class:`InputError` naming
    the path; the ``.part`` file is removed and an existing ``path`` is left as it was.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_output(folder / "missing" / "x.svg", b"<svg/>")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    armsgraph.errors.InputError: cannot write .../missing/x.svg: No such file or directory
    """
    p = Path(path)
    tmp = p.with_name(p.name + ".part")
    try:
        if p.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        tmp.write_bytes(data)
        tmp.replace(p)
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {p}: {err.strerror or err}") from err
