"""Hypothesis strategy shared by the schema tests: a JSON document with one to three random
edits (a value replaced, a key or item deleted, a key or item added), for comparing the run-time
validator with the reference one on documents near the valid ones."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into `value` (the empty one included), as tuples of keys and indexes."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_of(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths_of(item, (*prefix, index))
    return found


def mutate(
    draw: st.DrawFn, document: Any, values: st.SearchStrategy[Any], new_keys: st.SearchStrategy[str]
) -> Any:
    """`document` (changed in place and returned) after one to three edits drawn with `draw`:
    replaced values and added items come from `values`, added keys from `new_keys`."""
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths_of(document)))
        if not path:
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(new_keys)] = draw(values)
        else:
            parent.append(draw(values))
    return document
