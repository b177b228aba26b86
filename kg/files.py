"""Writing a file whole or not at all, shared by the outputs (the network page) and the cache."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


@contextmanager
def atomic_file(path: Path, binary: bool = False) -> Iterator[IO]:
    """An open temporary file beside ``path`` (text is UTF-8) that replaces ``path`` when the
    ``with`` block ends without an error, and is removed otherwise: a reader never sees half a
    file. The file gets the usual mode of a new file (0666 less the umask), not the private
    mode of a temporary one. Raises ``OSError`` when the folder cannot be written."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})
                       ) as out:
            yield out
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
