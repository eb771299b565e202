"""Writing files so that a crash never leaves half of one, and hashing what was written.

Every file workbench writes (documents, glossaries, dictionaries, exports, reports) goes
through :func:`atomic_write`: a reader sees either the old bytes or the new ones, and the file
keeps its mode (and owner, where allowed). Writers of one document take its lock
(:func:`document_lock`) around "is the file still the one I read, merge, write", so that two
writers never lose each other's changes. :func:`os_error_text` says what went wrong with a
file in the words a translator needs.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import WorkbenchError

#: how long a writer waits for another one to finish saving the same document
LOCK_WAIT_SECONDS = 60.0


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
        _take_mode(tmp, target)
        if backup and target.exists():
            try:
                copy_bytes(target, target.with_name(target.name + "~"))
            except OSError:
                pass  # a missing backup must never stop a save
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not exc.filename:  # a failed write() names no file
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        raise
    try:  # make the rename itself durable
        dfd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """:func:`atomic_write` for a binary file (an XLSX or DOCX export; no backup kept)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _take_mode(tmp, target)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _take_mode(tmp: str, target: Path) -> None:
    """Give the new file the old one's mode and owner (mkstemp makes it 0600), or, for a new
    file, the mode the user's umask gives any new file."""
    try:
        st = target.stat()
    except FileNotFoundError:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    if hasattr(os, "chown"):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # only the owner's group may be allowed, or nothing: the mode is what matters


def _umask() -> int:
    """The process's umask (read by setting it and putting it back: there is no getter)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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


# ---------------------------------------------------------------- one writer at a time

def lock_path(path: str | Path) -> Path:
    """The lock file of a document: in a shared folder of the system's temp dir, named by
    the document's full path, so that nothing appears beside the user's files (the document
    itself cannot be the lock: every save replaces it by a rename)."""
    key = hashlib.sha256(str(Path(path).resolve()).encode("utf-8", "surrogateescape"))
    return _lock_folder() / f"{key.hexdigest()[:32]}.lock"


def _lock_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "workbench-locks"
    if not folder.is_dir():
        folder.mkdir(exist_ok=True)
        try:
            os.chmod(folder, 0o1777)  # every user's workbench locks here, as in /tmp itself
        except OSError:
            pass
    return folder


class DocumentLock:
    """The advisory lock of one document file, re-entrant within one object (a command holds
    it from reading to saving; the save inside takes it again)."""

    def __init__(self, path: str | Path, wait: float | None = None) -> None:
        self.path = Path(path)
        self.wait = LOCK_WAIT_SECONDS if wait is None else wait
        self._lock = FileLock(lock_path(self.path), timeout=self.wait, mode=0o666,
                              thread_local=False)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise WorkbenchError(
                f"another workbench has been saving it for {self.wait:.0f} s",
                path=str(self.path), hint="wait for it to finish, then run this again") from None
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise WorkbenchError(f"cannot lock it for writing: {os_error_text(exc)}",
                                     path=str(self.path),
                                     hint="write it in a folder you may write in") from None
            raise

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> "DocumentLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def document_lock(path: str | Path, wait: float | None = None) -> DocumentLock:
    return DocumentLock(path, wait)


# ---------------------------------------------------------------- errors in plain words

def os_error_text(exc: BaseException) -> str:
    """What an OSError means for the file it names, in a translator's words."""
    if not isinstance(exc, OSError):
        return str(exc)
    name = exc.filename or ""
    folder = str(Path(name).parent) if name else "that folder"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EDQUOT:
        return "your disk quota is used up"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"no permission to write in {folder}" if _is_folder_problem(name) \
            else f"no permission to change {name}"
    if exc.errno == errno.EROFS:
        return f"{folder} is on a read-only disk"
    if exc.errno == errno.EISDIR:
        return f"{name} is a folder"
    if exc.errno == errno.ENOENT:
        return f"{folder} does not exist"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return exc.strerror or str(exc)


def _is_folder_problem(name: str) -> bool:
    """A permission error on a temp file (ours) is the folder's; on the file itself, the file's
    (an immutable or read-only file in a writable folder)."""
    return not name or Path(name).name.startswith(".") or not Path(name).exists()


def os_error_hint(exc: OSError) -> str:
    """What to do about it."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some space, or write the file elsewhere"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "write it somewhere you may write (another -o, or copy the folder)"
    if exc.errno == errno.ENOENT:
        return "check the path"
    return "check the path and the disk"
