"""Reading a user's input file, bounded: a regular file, and no bigger than workbench reads.

A named pipe (FIFO) blocks forever until something writes into it, and a device such as
/dev/zero or /dev/urandom never ends: reading either hangs or fills the memory. So only
regular files are read; anything else is refused before it is opened. And a file is read only
up to the size limit (:data:`DEFAULT_MAX_INPUT_MB`, or ``WORKBENCH_MAX_INPUT_MB`` in the
environment): a mistaken 2 GB log given as a text should stop at once with a message, not
after minutes of swapping.

This module imports nothing of workbench: the caller passes the error class to raise (a
:class:`~workbench.core.errors.WorkbenchError` subclass), so ``errors`` can use it too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable

#: the default size limit: ten times the biggest book pair we align (War and Peace is 5 MB of
#: UTF-8; a 50,000-row document about 12 MB), far below what fills a laptop's memory
DEFAULT_MAX_INPUT_MB = 32
ENV_VAR = "WORKBENCH_MAX_INPUT_MB"
MB = 1 << 20

#: what a path that is not a regular file is, and what to do instead
_KINDS = (
    (stat.S_ISDIR, "a directory", "give a file in it"),
    (stat.S_ISFIFO, "a named pipe (FIFO)",
     "reading a pipe waits for a writer forever: save its output to a file and give that"),
    (stat.S_ISCHR, "a character device", "a device such as /dev/zero never ends: give a file"),
    (stat.S_ISBLK, "a block device", "give a file"),
    (stat.S_ISSOCK, "a socket", "give a file"),
)


def max_input_bytes(error: Callable[..., Exception]) -> int:
    """The size limit in bytes: ``WORKBENCH_MAX_INPUT_MB`` if set, else the default."""
    raw = os.environ.get(ENV_VAR, "").strip()
    if not raw:
        return DEFAULT_MAX_INPUT_MB * MB
    try:
        mb = float(raw)
    except ValueError:
        mb = -1.0
    if not (0 < mb < 1 << 30):  # also refuses nan and inf
        raise error(f"{ENV_VAR}={raw!r} is not a size in megabytes",
                    hint=f"set it to a number such as 200, or unset it for "
                         f"{DEFAULT_MAX_INPUT_MB}")
    return int(mb * MB)


def _size(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n >= MB else f"{n:,} bytes"


def not_a_file(mode: int) -> tuple[str, str] | None:
    """What a path with this ``st_mode`` is, and the hint, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next(((what, hint) for test, what, hint in _KINDS if test(mode)),
                ("not a regular file", "give a file"))


def read_input(path: str | Path, error: Callable[..., Exception], what: str = "file") -> bytes:
    """The bytes of the regular file ``path``; anything else, a file over the size limit, or
    one that cannot be read raises ``error(message, path=..., hint=...)``."""
    p = Path(path)
    limit = max_input_bytes(error)
    try:
        info = os.stat(p)  # stat never blocks, even on a FIFO
    except FileNotFoundError:
        raise error("file not found", path=str(p), hint="check the path") from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", path=str(p)) from None
    kind = not_a_file(info.st_mode)
    if kind is not None:
        raise error(f"is {kind[0]}, not a {what}", path=str(p), hint=kind[1])
    if info.st_size > limit:
        raise _too_big(error, p, info.st_size, limit)
    try:
        # O_NONBLOCK: should the path have become a FIFO since the stat, open must not wait
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            kind = not_a_file(os.fstat(fh.fileno()).st_mode)
            if kind is not None:
                raise error(f"is {kind[0]}, not a {what}", path=str(p), hint=kind[1])
            data = fh.read(limit + 1)
    except IsADirectoryError:
        raise error(f"is a directory, not a {what}", path=str(p)) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", path=str(p)) from None
    if len(data) > limit:  # it grew while being read
        raise _too_big(error, p, len(data), limit)
    return data


def _too_big(error: Callable[..., Exception], p: Path, size: int, limit: int) -> Exception:
    need = -(-size // MB)  # whole megabytes, rounded up
    return error(f"is {_size(size)}, more than the {_size(limit)} workbench reads", path=str(p),
                 hint=f"is it the right file? If so, raise the limit: {ENV_VAR}={need} workbench ...")
