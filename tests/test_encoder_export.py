"""The ONNX export is made once, and made again only when its recipe or the
weights change."""

from __future__ import annotations

import pytest

from pipeline.model import encoder_export
from pipeline.model.encoder_files import UNPACKED_MARK, EncoderFilesError


@pytest.fixture
def exports(monkeypatch, tmp_path):
    made = []

    def fake_export(source, target):
        made.append(target)
        target.mkdir(parents=True, exist_ok=True)
        (target / UNPACKED_MARK).write_text(encoder_export.EXPORT_MARK + "\n", encoding="utf-8")
        return target

    monkeypatch.setattr(encoder_export, "export", fake_export)
    monkeypatch.setattr(encoder_export, "encoder_path", lambda: tmp_path / "weights")
    return made


def test_an_export_of_this_recipe_is_used_as_it_is(exports, tmp_path):
    target = tmp_path / "onnx"
    assert encoder_export.exported(target) == target
    assert encoder_export.exported(target) == target
    assert exports == [target]


def test_an_export_of_another_recipe_is_made_again(exports, tmp_path):
    target = tmp_path / "onnx"
    target.mkdir()
    (target / UNPACKED_MARK).write_text("an older recipe\n", encoding="utf-8")
    encoder_export.exported(target)
    assert exports == [target]


def test_a_missing_export_without_its_tools_is_one_clear_error(monkeypatch, tmp_path):
    def no_torch(source, target):
        raise ModuleNotFoundError("No module named 'torch'", name="torch")

    monkeypatch.setattr(encoder_export, "export", no_torch)
    monkeypatch.setattr(encoder_export, "encoder_path", lambda: tmp_path / "weights")
    with pytest.raises(EncoderFilesError, match="not exported and torch is missing; run `make install`"):
        encoder_export.exported(tmp_path / "onnx")
