"""A command's output file, written so that a failure never leaves it emptied or half-written.

The output goes to a temporary file beside the target (same directory, so the rename stays on one file
system), is fsynced, and replaces the target only once everything was written; on any failure the temporary
file is removed and the target keeps its bytes. A target that exists but is not a regular file (/dev/null,
/dev/full, a FIFO) cannot be renamed onto: it is written directly, as the user asked.
"""

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def replacing(path: str | Path, mode: str = "wb", **open_args: Any) -> Iterator[IO[Any]]:
    """A file object to write `path`'s new content to (`mode` "wb" or "w", `open_args` as for open()).
    Raises OSError (with `path` as its filename) when the target is a directory, its directory is missing,
    or writing fails (a full disk)."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    if target.exists() and not target.is_file():
        with open(target, mode, **open_args) as handle:
            yield handle
        return
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        # O_EXCL: never write through a file someone else put there; 0o666 lets the umask decide, as open() does
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise type(error)(error.errno, error.strerror, str(target)) from None
    try:
        with os.fdopen(descriptor, mode, **open_args) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():  # the replaced file keeps its permissions
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
