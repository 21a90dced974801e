"""armsgraph's configuration: one settings class, read from ``ARMSGRAPH_*`` variables.

The CLI and the service share it, so ``ARMSGRAPH_STORE=http://…/sparql armsgraph serve``
and ``ARMSGRAPH_STORE=… armsgraph build`` point at the same graph. Nothing else in the
project reads the environment.
"""

from __future__ import annotations

import ipaddress
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from .errors import InputError
from .resources import shipped

__all__ = ["Settings", "get_settings", "store_options", "PROJECT_ROOT"]

#: The folder above the package: the source checkout when run from one (the tests and dev
#: scripts read it). Nothing reads shipped files through it: see :mod:`armsgraph.resources`.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_store() -> str:
    """``.armsgraph/store`` in the working directory (never beside the installed code)."""
    return str(Path.cwd() / ".armsgraph" / "store")


class Settings(BaseSettings):
    """Paths, store, server and limits. Each field is ``ARMSGRAPH_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="ARMSGRAPH_", extra="ignore")

    data_dir: Path = Field(
        default_factory=lambda: shipped("data"),
        description="Input data: articles, reference (default: the shipped data).",
    )
    ontology_dir: Path = Field(
        default_factory=lambda: shipped("ontology"),
        description="Ontology, shapes, examples, checks (default: the shipped ontology).",
    )
    store: str = Field(
        default_factory=_default_store,
        description="Embedded store folder, 'memory', or a SPARQL endpoint URL (http…); "
        "default .armsgraph/store in the working directory.",
    )
    store_update_endpoint: str | None = Field(
        None, description="SPARQL Update URL of a remote store (default: the query URL)."
    )
    store_graph_store_endpoint: str | None = Field(
        None, description="Graph Store Protocol URL of a remote store (optional)."
    )
    store_user: str | None = Field(None, description="User for a remote store's writes.")
    store_password: str | None = Field(None, description="Password for a remote store.")
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535, description="Port to serve on.")
    write_token: str | None = Field(None, description="Bearer token required for writes.")
    cors_origins: list[str] = Field(default_factory=list, description="Allowed CORS origins.")
    query_timeout: float = Field(10.0, gt=0, description="Seconds a SPARQL query may run.")
    query_memory_mb: int = Field(
        512, ge=64, description="Address space (MiB) of each SPARQL query worker process "
        "beyond its size at start; a query that needs more gets 422.",
    )
    result_cap: int = Field(10_000, gt=0, description="Most rows a SPARQL answer may have.")
    max_body_bytes: int = Field(5_000_000, gt=0, description="Largest accepted request body.")
    max_article_chars: int = Field(
        100_000, gt=0,
        description="Longest article text an ingest extracts from (413 beyond).",
    )
    extract_seconds: float = Field(
        30.0, gt=0, description="CPU seconds one article's extraction may take through the "
        "API (422 beyond, nothing written).",
    )
    extract_workers: int = Field(
        default_factory=lambda: max(1, min(2, os.cpu_count() or 1)), ge=0, le=32,
        description="Worker processes that extract the articles ingested through the API, "
        "so that extraction does not take the interpreter from readers (0: on the request "
        "thread). Default: 2, or 1 on one core.",
    )
    max_hops: int = Field(4, ge=1, le=8, description="Default hop limit of path searches.")
    parser: Literal["ud", "blank"] = Field(
        "ud",
        description="Extraction pipeline: 'ud' (the shipped UD-trained tagger and parser, "
        "data/models/en_armsgraph_ud) or 'blank' (tokenizer and sentencizer only).",
    )

    def check_bind(self, host: str | None = None) -> None:
        """Refuse to serve beyond loopback without a write token (InputError naming host).

        >>> Settings(write_token=None).check_bind("0.0.0.0")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        armsgraph.errors.InputError: refusing to listen on '0.0.0.0' without a write token: ...
        >>> Settings(write_token=None).check_bind("::1")
        """
        h = (host or self.host).strip("[]")
        try:
            loopback = ipaddress.ip_address(h).is_loopback
        except ValueError:
            loopback = h.lower() == "localhost"
        if not loopback and not self.write_token:
            raise InputError(
                f"refusing to listen on {h!r} without a write token: "
                "set ARMSGRAPH_WRITE_TOKEN, or listen on 127.0.0.1"
            )


def store_options(settings: Settings) -> dict[str, str | None]:
    """Keyword arguments of :func:`armsgraph.store.open_store` for a remote store."""
    return {
        "update_endpoint": settings.store_update_endpoint,
        "graph_store_endpoint": settings.store_graph_store_endpoint,
        "user": settings.store_user,
        "password": settings.store_password,
    }


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once.

    A value that does not fit its field raises :class:`InputError` naming the variable:

    >>> import os
    >>> os.environ["ARMSGRAPH_QUERY_TIMEOUT"] = "abc"
    >>> get_settings.cache_clear()
    >>> get_settings()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    armsgraph.errors.InputError: ARMSGRAPH_QUERY_TIMEOUT='abc': Input should be a valid number, ...
    >>> del os.environ["ARMSGRAPH_QUERY_TIMEOUT"]; get_settings.cache_clear()
    """
    try:
        return Settings()
    except SettingsError as err:  # a list or dict variable that is not JSON
        field = re.search(r'field "(\w+)"', str(err))
        name = f"ARMSGRAPH_{field.group(1).upper()}" if field else "an ARMSGRAPH_ variable"
        raise InputError(f"{name} must be JSON (e.g. [\"http://localhost:3000\"]): {err}") \
            from None
    except ValidationError as err:
        problems = [
            f"ARMSGRAPH_{'_'.join(str(x) for x in e['loc'][:1]).upper()}={e.get('input')!r}: "
            f"{e['msg']}"
            for e in err.errors()
        ]
        raise InputError("; ".join(problems)) from None
