"""Where the files armsgraph ships are found: the ontology and the data.

``ontology`` holds ``armsgraph.ttl``, ``shapes.ttl``, ``examples/`` and ``checks/``;
``data`` holds ``reference/``, the seed article in ``articles/`` and the parser model in
``models/``. In an installed wheel both are package data of ``armsgraph`` (``armsgraph/ontology``,
``armsgraph/data``: ``pyproject.toml`` maps the checkout's top-level folders there) and are
found with :mod:`importlib.resources`; run from a checkout, they are the checkout's own
``ontology/`` and ``data/``. ``ARMSGRAPH_ONTOLOGY_DIR`` and ``ARMSGRAPH_DATA_DIR`` override
both (:class:`armsgraph.settings.Settings`).

>>> (shipped("ontology") / "armsgraph.ttl").is_file()
True
>>> require(shipped("data") / "reference", "reference data", "*.ttl").name
'reference'
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Literal

from .errors import ResourceMissing

__all__ = ["shipped", "require", "CHECKOUT"]

#: The source checkout this package sits in, when it does (``pyproject.toml`` beside it);
#: None for an installed package. Only a fallback for the shipped files, and the root
#: that the tests and dev scripts read.
_ROOT = Path(__file__).resolve().parent.parent
CHECKOUT: Path | None = _ROOT if (_ROOT / "pyproject.toml").is_file() else None


def shipped(name: Literal["ontology", "data"]) -> Path:
    """The shipped folder ``name``: package data of ``armsgraph`` (a wheel), else the checkout's.

    The folder is not checked here (importing armsgraph never fails on it): what reads a
    file from it checks that file, with :func:`require`.
    """
    packaged = files("armsgraph") / name
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    if CHECKOUT is not None:
        return CHECKOUT / name
    return Path(str(packaged))


def require(path: Path, what: str, pattern: str | None = None) -> Path:
    """``path`` itself when it exists (and, for a folder, holds a ``pattern`` file).

    Raises
    ------
    ResourceMissing
        It does not: the message names ``what``, the path and the setting that moves it.

    >>> require(Path("/nonexistent/ontology/shapes.ttl"), "the SHACL shapes")
    Traceback (most recent call last):
    ...
    armsgraph.errors.ResourceMissing: the SHACL shapes not found: /nonexistent/ontology/shapes.ttl \
does not exist (set ARMSGRAPH_ONTOLOGY_DIR or ARMSGRAPH_DATA_DIR to the folder that holds it, \
or reinstall armsgraph)
    """
    hint = ("(set ARMSGRAPH_ONTOLOGY_DIR or ARMSGRAPH_DATA_DIR to the folder that holds it, "
            "or reinstall armsgraph)")
    if not path.exists():
        raise ResourceMissing(f"{what} not found: {path} does not exist {hint}")
    if pattern is not None and not any(path.glob(pattern)):
        raise ResourceMissing(f"{what} not found: {path} holds no {pattern} file {hint}")
    return path
