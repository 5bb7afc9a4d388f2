"""The mark every attribution rule carries: a stable id (see kg.extraction.attribution.registry for the order)."""
from __future__ import annotations

from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)


def rule(rule_id: str) -> Callable[[F], F]:
    """Give a rule function its id (a stable short string, recorded in every statement it produces)."""
    def mark(function: F) -> F:
        function.rule_id = rule_id  # type: ignore[attr-defined]
        return function
    return mark
