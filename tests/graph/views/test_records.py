"""graph.views.records: the fact filter checks its range."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import InputError
from graph.views.records import FactFilter


def test_fact_filter_refuses_an_inverted_range() -> None:
    with pytest.raises(InputError, match="date_from 2024-01-02 is after date_to 2024-01-01"):
        FactFilter(date_from=date(2024, 1, 2), date_to=date(2024, 1, 1))
