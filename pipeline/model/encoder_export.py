"""Install time: all-mpnet-base-v2's transformer exported to ONNX once, from
the weights `encoder_files` unpacked, by torch's own exporter
(`torch.onnx.export`), and a copy with int8 weights made by ONNX Runtime's
`MatMulNBitsQuantizer`. No model internals are patched: the graph is what
transformers' `MPNetModel` computes, token ids and mask in, token states
out; pooling and normalisation (the packaged `1_Pooling` and `2_Normalize`)
are done at run time by `encoder.py`.

`make install` runs `python -m pipeline.model.encoder_export`; a run that
finds no export makes it on first use. The folder appears in one rename,
whole or not at all, with a mark naming the weights and the export recipe.
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
from pathlib import Path

from pipeline.model.encoder_files import ARCHIVE_SHA256, EncoderFilesError, encoder_path, is_unpacked, publish

OPSET = 17
FLOAT_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
# Bumped whenever the export or the quantisation recipe changes.
INT8_BLOCK = 128
RECIPE = f"torch.onnx.export opset {OPSET} token states; MatMulNBits 8 bits block {INT8_BLOCK} symmetric accuracy 4"
EXPORT_MARK = f"{ARCHIVE_SHA256} {RECIPE}"


def export(source: Path, target: Path) -> Path:
    """Export `source` (the unpacked sentence-transformers folder) into `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}-") as scratch:
        folder = Path(scratch) / "encoder"
        folder.mkdir()
        export_float(source, folder / FLOAT_FILE)
        quantise(folder / FLOAT_FILE, folder / INT8_FILE)
        shutil.copyfile(source / TOKENIZER_FILE, folder / TOKENIZER_FILE)
        publish(folder, target, EXPORT_MARK)
    return target


def export_float(source: Path, path: Path) -> None:
    import torch
    from transformers import AutoModel

    class TokenStates(torch.nn.Module):
        """The model's last hidden states only: its pooler is not what sentence-transformers pools."""

        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    model = TokenStates(AutoModel.from_pretrained(str(source))).eval()
    ids = torch.tensor([[0, 2027, 2023, 2]], dtype=torch.int64)  # <s> two tokens </s>
    mask = torch.ones_like(ids)
    axes = {"input_ids": {1: "tokens"}, "attention_mask": {1: "tokens"}, "token_states": {1: "tokens"}}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on shapes it assumes
        torch.onnx.export(
            model,
            (ids, mask),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["token_states"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )


def quantise(source: Path, path: Path) -> None:
    """int8 weights, one scale per block of 128 inputs, with the activations
    quantised per block too as the product runs (ONNX Runtime's MatMulNBits
    at accuracy level 4). Dynamic quantisation (`quantize_dynamic`) gives
    each activation matrix one scale, and the outlier channels after
    LayerNorm and GELU then cost too much (docs/speed.md)."""
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    config = DefaultWeightOnlyQuantConfig(block_size=INT8_BLOCK, is_symmetric=True, accuracy_level=4, bits=8)
    quantizer = MatMulNBitsQuantizer(onnx.load(str(source)), bits=8, block_size=INT8_BLOCK, is_symmetric=True, accuracy_level=4, algo_config=config)
    quantizer.process()
    quantizer.model.save_model_to_file(str(path), use_external_data_format=False)


def exported(target: Path) -> Path:
    """The export folder, exported first if it is missing or of another recipe."""
    if not is_unpacked(target, EXPORT_MARK):
        try:
            export(encoder_path(), target)
        except ImportError as err:
            raise EncoderFilesError(f"{target}: the ONNX encoder is not exported and {err.name} is missing; run `make install`") from None
    return target


if __name__ == "__main__":
    from pipeline.model.encoder_files import ONNX_DIR

    print(exported(ONNX_DIR))
