"""User-facing errors: each says what is wrong, where, and what to do."""

from __future__ import annotations

from .inputs import read_input


class WorkbenchError(Exception):
    """A problem caused by the user's input; the CLI prints it without a traceback (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 column: int | None = None, hint: str | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(WorkbenchError):
    """A text file cannot be read as a document side."""


class FormatError(WorkbenchError):
    """A YAML document or gold file is malformed or breaks the schema."""


class ModelError(WorkbenchError):
    """An embedding model cannot be found or loaded."""


class OperationError(WorkbenchError):
    """An editing operation does not apply here (e.g. merging the last row with nothing)."""


def read_bytes(path, error: type[WorkbenchError] = WorkbenchError, what: str = "file") -> bytes:
    """The bytes of ``path``, bounded (see :mod:`.inputs`): a missing or unreadable path, a
    directory, a pipe or a device, or a file over the size limit becomes ``error``."""
    return read_input(path, error, what)


def decode_utf8(raw: bytes, path, error: type[WorkbenchError] = WorkbenchError,
                hint: str | None = None) -> str:
    """UTF-8 text (BOM optional); invalid bytes become ``error`` naming their line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error("is not UTF-8 text", path=str(path), line=line, hint=hint) from None
