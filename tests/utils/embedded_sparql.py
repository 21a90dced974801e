"""The SPARQL the code sends: every string constant of graph/ and api/ that is a query.

Docstrings and the ``examples=`` of API parameters (queries a user may send) are left out;
a query assembled from parts (``sparql_prefixes(...) + \"\"\"...\"\"\"``, an f-string) is
read part by part.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_QUERY = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE)\b"
                    r"\s*(\?|\*|\{|DATA|WHERE|DISTINCT|REDUCED|\()")


@dataclass(frozen=True)
class EmbeddedQuery:
    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def _left_out(tree: ast.AST) -> set[int]:
    """ids of the constants that are docstrings or ``examples=`` values."""
    out: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            out.add(id(body[0].value))
        if isinstance(node, ast.keyword) and node.arg == "examples":
            out.update(id(n) for n in ast.walk(node.value))
    return out


def embedded_queries(*tops: str) -> list[EmbeddedQuery]:
    found = []
    for top in tops:
        for path in sorted((ROOT / top).rglob("*.py")):
            if path.name == "namespace.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip = _left_out(tree)
            for node in ast.walk(tree):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                        and id(node) not in skip and _QUERY.search(node.value)):
                    found.append(EmbeddedQuery(path, node.lineno, node.value))
    return found
