"""Minimal safetensors reader/writer with numpy (no `safetensors` package here).

Format: 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets: [begin, end]}} (plus an
optional "__metadata__"), then the raw little-endian tensor bytes. The reader memory-maps the file, so a tensor costs
memory only when it is converted; sharded checkpoints are read through `model.safetensors.index.json`.
"""
from __future__ import annotations

import json
import os
import struct
from typing import Dict, Iterator, List, Mapping, Tuple

import numpy as np

_DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": np.uint16, "F64": np.float64, "I64": np.int64,
           "I32": np.int32, "U8": np.uint8, "I8": np.int8, "BOOL": np.bool_}
_NAMES = {np.dtype(np.float32): "F32", np.dtype(np.float16): "F16", np.dtype(np.int64): "I64",
          np.dtype(np.int32): "I32", np.dtype(np.uint8): "U8", np.dtype(np.float64): "F64"}


class SafetensorsFile:
    def __init__(self, path: str):
        self.path = path
        with open(path, "rb") as f:
            (length,) = struct.unpack("<Q", f.read(8))
            header = json.loads(f.read(length))
        self.metadata = header.pop("__metadata__", {})
        self.header: Dict[str, dict] = header
        self.data_start = 8 + length
        self._map = np.memmap(path, dtype=np.uint8, mode="r")

    def keys(self) -> List[str]:
        return list(self.header)

    def shape(self, name: str) -> Tuple[int, ...]:
        return tuple(self.header[name]["shape"])

    def get(self, name: str) -> np.ndarray:
        """The tensor as a numpy array (a read-only view of the mapping; BF16 is widened to float32)."""
        info = self.header[name]
        begin, end = info["data_offsets"]
        raw = self._map[self.data_start + begin:self.data_start + end]
        dtype = info["dtype"]
        array = raw.view(_DTYPES[dtype]).reshape(info["shape"])
        if dtype == "BF16":
            return (array.astype(np.uint32) << 16).view(np.float32)
        return array


class Checkpoint(Mapping[str, np.ndarray]):
    """A checkpoint folder (one file or shards with an index) or a single .safetensors file."""

    def __init__(self, path: str):
        if os.path.isfile(path):
            files = [path]
        else:
            index = os.path.join(path, "model.safetensors.index.json")
            if os.path.exists(index):
                with open(index) as f:
                    files = sorted(set(json.load(f)["weight_map"].values()))
            else:
                files = sorted(n for n in os.listdir(path) if n.endswith(".safetensors"))
            files = [os.path.join(path, n) for n in files]
        if not files:
            raise FileNotFoundError(f"no .safetensors files in {path}")
        self._where: Dict[str, SafetensorsFile] = {}
        for file in files:
            st = SafetensorsFile(file)
            for name in st.keys():
                self._where[name] = st

    def __getitem__(self, name: str) -> np.ndarray:
        return self._where[name].get(name)

    def shape(self, name: str) -> Tuple[int, ...]:
        return self._where[name].shape(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


def write_safetensors(path: str, tensors: Mapping[str, np.ndarray], metadata: Mapping[str, str] = None) -> None:
    header, offset, blobs = {}, 0, []
    for name, array in tensors.items():
        array = np.ascontiguousarray(array)
        data = array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": _NAMES[array.dtype], "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    if metadata:
        header["__metadata__"] = dict(metadata)
    encoded = json.dumps(header).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)


def write_sharded(folder: str, tensors: Mapping[str, np.ndarray], shards: int) -> None:
    """Split into `shards` files named like HF's (model-0000k-of-0000n.safetensors) plus the index."""
    names = list(tensors)
    weight_map = {}
    for k in range(shards):
        part = names[k::shards]
        file = f"model-{k + 1:05d}-of-{shards:05d}.safetensors"
        write_safetensors(os.path.join(folder, file), {n: tensors[n] for n in part})
        weight_map.update({n: file for n in part})
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {}, "weight_map": weight_map}, f, indent=1)
