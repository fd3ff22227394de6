"""A folder of text files replaced as one output: each file goes to a temp
file as it comes, and all are renamed into place only when the whole run
succeeds, so a failed run changes none of them."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pipeline.io.jsonl import current_umask


class PendingTexts:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pending: list[tuple[str, Path]] = []

    def write(self, name: str, text: str) -> None:
        """Write `text` (UTF-8, no newline translation) for `folder/name`."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.", suffix=".tmp")
        self.pending.append((tmp_name, self.folder / name))
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())

    def commit(self) -> None:
        """Rename every file into place and remove the folder's files this run did not write."""
        for tmp_name, path in self.pending:
            os.chmod(tmp_name, 0o666 & ~current_umask())
            os.replace(tmp_name, path)
        written = {path.name for _tmp, path in self.pending}
        if self.folder.is_dir():
            for stale in self.folder.glob("*.txt"):
                if stale.name not in written:
                    stale.unlink(missing_ok=True)

    def discard(self) -> None:
        for tmp_name, _path in self.pending:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)


@contextlib.contextmanager
def atomic_text_folder(folder: Path) -> Iterator[PendingTexts]:
    """Yield a writer of files into `folder`; on success they replace the
    folder's text files, on any error none is touched."""
    for stale in folder.glob(".*.tmp") if folder.is_dir() else ():
        stale.unlink(missing_ok=True)  # left by a killed run
    texts = PendingTexts(folder)
    try:
        yield texts
    except BaseException:
        texts.discard()
        raise
    texts.commit()
