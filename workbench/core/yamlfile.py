"""The YAML of workbench's own files (documents, glossaries, dictionaries): one record per
line, read and written with PyYAML's C loader/dumper when present, and positions of nodes for
error messages.

One record per line keeps a changed bead, sentence or term a one-line git diff.

The loader refuses two things valid YAML may have and workbench's files never do (the writer
makes neither). Anchors and aliases (``&a`` ... ``*a``): loading shares the value, but saving
writes it out wherever it is used, so a few lines of aliases (the "billion laughs", or one text
given to 2,000 sentences) become gigabytes on the first save. And nesting deeper than
:data:`MAX_DEPTH`: workbench's files nest 4 deep; libyaml reads up to 1,000 levels, which then
overflow Python's recursion in whatever walks the data next (the parse cache, the writer).
Both are checked on the composed nodes, before anything is built from them.
"""

from __future__ import annotations

from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

#: the deepest nesting read: documents nest 4 levels (rows, a row, its ids), sections other
#: tools add get room to spare; far below the ~500 where Python's recursion gives out
MAX_DEPTH = 32


class UnsafeYAMLError(yaml.MarkedYAMLError):
    """Valid YAML that workbench does not read: an anchor or alias, or too deep a nesting.
    A MarkedYAMLError, so every reader that reports bad YAML with its line reports this too."""

    def __init__(self, problem: str, mark: Any, hint: str):
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


def _refuse_anchors(text: str) -> None:
    """Anchors and aliases, found among the parser's events (only run when the text has an
    ``&``: without an anchor, an alias is a parse error anyway)."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise UnsafeYAMLError(
                f"has a YAML anchor or alias (&{event.anchor}, *{event.anchor}): workbench "
                "files never have them, as saving writes an aliased value out in full at each "
                "use (a few lines can become gigabytes)", event.start_mark,
                hint="write the value out in each place")


def _check_depth(node: Any) -> None:
    """Nesting deeper than MAX_DEPTH, level by level (no recursion; scalars are skipped)."""
    level, depth = [node], 0
    scalar = yaml.ScalarNode
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            raise UnsafeYAMLError(
                f"nests deeper than {MAX_DEPTH} levels; workbench files nest 4", level[0].start_mark,
                hint="remove the nesting")
        nxt = []
        for n in level:
            if isinstance(n, yaml.MappingNode):
                for k, v in n.value:
                    if not isinstance(k, scalar):
                        nxt.append(k)
                    if not isinstance(v, scalar):
                        nxt.append(v)
            elif isinstance(n, yaml.SequenceNode):
                nxt.extend(v for v in n.value if not isinstance(v, scalar))
        level = nxt


class Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader (C when present) that refuses anchors, aliases and deep nesting (see
    the module docstring). Give it text."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self._text = stream.decode("utf-8", "replace") if isinstance(stream, bytes) else stream

    def get_single_node(self) -> Any:
        try:
            if isinstance(self._text, str) and "&" in self._text:
                _refuse_anchors(self._text)
            node = super().get_single_node()
        except RecursionError:  # the pure-Python composer, on deep nesting
            raise UnsafeYAMLError(f"nests deeper than {MAX_DEPTH} levels; workbench files nest 4",
                                  None, hint="remove the nesting") from None
        except yaml.reader.ReaderError as exc:  # a control character: give it a line
            raise yaml.MarkedYAMLError(problem=f"a control character (#x{exc.character:04x}) "
                                       "YAML does not allow", problem_mark=self._mark(exc.position)
                                       ) from None
        if node is not None:
            _check_depth(node)
        return node

    def _mark(self, position: int) -> Any:
        """The mark (line, column) of a character position, for a reader's error."""
        if not isinstance(self._text, str):
            return None
        line = self._text.count("\n", 0, position)
        column = position - (self._text.rfind("\n", 0, position) + 1)
        return yaml.Mark("<text>", position, line, column, None, None)


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
