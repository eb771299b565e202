"""Writing files so that a crash never leaves half of one, and hashing what was written.

Every file workbench writes (documents, glossaries, dictionaries, exports, reports) goes
through :func:`atomic_write`: a reader sees either the old bytes or the new ones.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: str | Path, text: str, *, backup: bool = True) -> None:
    """Write ``text`` so that ``path`` is always either the old or the new file, never half.

    The previous version is kept as ``path~`` (one backup), then a temp file in the same folder
    is written, fsynced and renamed over the target.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and target.exists():
            try:
                copy_bytes(target, target.with_name(target.name + "~"))
            except OSError:
                pass  # a missing backup must never stop a save
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def copy_bytes(src: Path, dst: Path) -> None:
    """Copy a file's bytes (not its metadata): the backup is a copy, so the original keeps
    its inode while the new version is being written."""
    dst.write_bytes(src.read_bytes())


def file_sha256(path: str | Path) -> str | None:
    """The sha256 of a file's bytes, or None if there is no such file."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
