"""The YAML of workbench's own files (documents, glossaries): one record per line, read and
written with PyYAML's C loader/dumper when present, and positions of nodes for error messages.

One record per line keeps a changed bead, sentence or term a one-line git diff.
"""

from __future__ import annotations

from typing import Any

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class FlowMap(dict):
    """A mapping written on one line."""


class Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """The safe dumper that writes :class:`FlowMap` and tuples on one line."""

    def ignore_aliases(self, data: Any) -> bool:  # equal id lists must not become &anchors
        return True


def _represent_flow(dumper: yaml.SafeDumper, data: FlowMap) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _represent_tuple(dumper: yaml.SafeDumper, data: tuple) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


Dumper.add_representer(FlowMap, _represent_flow)
Dumper.add_representer(tuple, _represent_tuple)


def dump_yaml(data: dict[str, Any]) -> str:
    """The text of ``data``: block style at the top, FlowMaps and tuples on one line, keys in
    the order given, unicode as is, no line wrapping."""
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True,
                     width=1 << 30, default_flow_style=False)


def locate(text: str, keys: tuple) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the node at ``keys`` (section, index, field) in the YAML,
    as far down as the keys lead; (None, None) if the text does not parse."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return None, None
    found = node
    for key in keys:
        if isinstance(found, yaml.MappingNode):
            nxt = None
            for k, v in found.value:
                if k.value == key:
                    nxt = v
                    break
            if nxt is None:
                break
            found = nxt
        elif isinstance(found, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(found.value):
                break
            found = found.value[key]
        else:
            break
    if found is None:
        return None, None
    return found.start_mark.line + 1, found.start_mark.column + 1
