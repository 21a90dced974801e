"""Fixtures of the API tests: the app over the built graph, through TestClient."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.settings import Settings
from graph.store import OxigraphStore


def make_settings(**overrides: Any) -> Settings:
    """Settings independent of the environment: loopback, no token, closed CORS."""
    values: dict[str, Any] = {
        "store": "memory", "host": "127.0.0.1", "write_token": None, "cors_origins": [],
        "query_timeout": 10.0, "result_cap": 10_000, "max_body_bytes": 5_000_000,
    }
    values.update(overrides)
    return Settings(**values)


def copy_store(store: OxigraphStore) -> OxigraphStore:
    """An independent in-memory copy of ``store`` (for tests that write)."""
    copy = OxigraphStore()
    copy.load(store.dump("nquads"), "nquads")
    return copy


@pytest.fixture(scope="session")
def api_store(built_store: OxigraphStore) -> OxigraphStore:
    """The built graph; read-only for the API tests."""
    return built_store


@pytest.fixture(scope="module")
def client(api_store: OxigraphStore) -> Iterator[TestClient]:
    """A client of the app over the built graph, with default settings."""
    with TestClient(create_app(make_settings(), api_store)) as c:
        yield c
