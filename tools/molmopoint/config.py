"""Sizes, token ids and flags of a MolmoPoint-architecture model (every size configurable).

The dataclasses mirror `architecture`, `preprocessing` and `tokens` of a model package manifest
(docs/model-package.md); `to_manifest()` writes them in the manifest's camelCase form.
Presets: `tiny_golden()` (../shared/golden/molmopoint-tiny), `tiny_random()` (test/fixtures/tiny-model) and
`molmopoint_gui_8b()` (MOLMOPOINT_SPEC.md §1).
"""
from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import List, Optional


@dataclass
class VitConfig:
    width: int = 1152
    heads: int = 16
    head_dim: int = 72
    mlp: int = 4304
    layers_in_config: int = 27
    # HF `vit_layers` (negative = counted from layers_in_config); concatenated in this order
    vit_layers: List[int] = field(default_factory=lambda: [-3, -9])
    layer_norm_eps: float = 1e-6
    patch_size: int = 14
    crop_size: int = 378

    @property
    def feature_blocks(self) -> List[int]:
        return [l if l >= 0 else self.layers_in_config + l for l in self.vit_layers]

    @property
    def layers_run(self) -> int:
        return max(self.feature_blocks) + 1

    @property
    def feature_dim(self) -> int:
        return self.width * len(self.vit_layers)

    @property
    def patches_per_side(self) -> int:
        return self.crop_size // self.patch_size

    @property
    def patch_values(self) -> int:
        return self.patch_size * self.patch_size * 3


@dataclass
class ConnectorConfig:
    heads: int = 16
    head_dim: int = 72
    projector_hidden: int = 12288
    padding_mask: bool = True


@dataclass
class DecoderConfig:
    layers: int = 36
    hidden: int = 4096
    heads: int = 32
    kv_heads: int = 8
    head_dim: int = 128
    mlp: int = 12288
    rope_theta: float = 1_000_000.0
    rms_eps: float = 1e-6
    base_vocab: int = 151936
    additional_vocab: int = 128
    # exact float32 inverse frequencies; None = computed as torch does (float32 pow)
    rope_inv_freq: Optional[List[float]] = None

    @property
    def vocab_rows(self) -> int:
        return self.base_vocab + self.additional_vocab


@dataclass
class PointHeadConfig:
    dim: int = 512
    rope_theta: float = 50000.0
    rope_inv_freq: Optional[List[float]] = None
    rms_eps: float = 1e-6
    location_input: str = "raw"          # "raw" (HF) | "normed" (training loss)
    subpatch_embedding: str = "replace"  # "replace" (HF) | "add" (training code)
    im_low_embedding: str = "own"        # "own" (HF) | "im_patch" (training code)
    subpatches: int = 4
    locations: int = 9


@dataclass
class PreprocessingConfig:
    crop_size: int = 378
    patch_size: int = 14
    overlap_margins: List[int] = field(default_factory=lambda: [4, 4])
    pooling: List[int] = field(default_factory=lambda: [2, 2])
    mean: List[float] = field(default_factory=lambda: [0.5, 0.5, 0.5])
    std: List[float] = field(default_factory=lambda: [0.5, 0.5, 0.5])
    default_max_crops: int = 48


@dataclass
class TokenConfig:
    """Special ids. Defaults are the real Qwen3/MolmoPoint ids; `shifted(base)` moves the image/point block."""
    bos: int = 151645
    eos: int = 151645
    pad: int = 151643
    chat_im_start: int = 151644
    im_start: int = 151936
    im_end: int = 151937
    im_patch: int = 151938
    im_col: int = 151939
    low_res_im_start: int = 151940
    image: int = 151941
    im_low: int = 151942
    frame_start: int = 151943
    frame_end: int = 151944
    patch: int = 151947
    subpatch: int = 151948
    location: int = 151949
    user_prefix_ids: List[int] = field(default_factory=lambda: [151644, 872, 198])
    user_suffix_ids: List[int] = field(default_factory=lambda: [151645, 198, 151644, 77091, 198])
    max_new_tokens: int = 128

    @property
    def image_token_types(self) -> List[int]:
        return [self.im_start, self.im_end, self.im_patch, self.im_col, self.low_res_im_start, self.im_low,
                self.frame_start, self.frame_end]


@dataclass
class MolmoPointConfig:
    vit: VitConfig = field(default_factory=VitConfig)
    connector: ConnectorConfig = field(default_factory=ConnectorConfig)
    decoder: DecoderConfig = field(default_factory=DecoderConfig)
    point: PointHeadConfig = field(default_factory=PointHeadConfig)
    preprocessing: PreprocessingConfig = field(default_factory=PreprocessingConfig)
    tokens: TokenConfig = field(default_factory=TokenConfig)

    @property
    def point_base(self) -> int:
        return self.decoder.vocab_rows

    def to_dict(self) -> dict:
        return asdict(self)

    @staticmethod
    def from_dict(d: dict) -> "MolmoPointConfig":
        return MolmoPointConfig(
            vit=VitConfig(**d["vit"]), connector=ConnectorConfig(**d["connector"]),
            decoder=DecoderConfig(**d["decoder"]), point=PointHeadConfig(**d["point"]),
            preprocessing=PreprocessingConfig(**d["preprocessing"]), tokens=TokenConfig(**d["tokens"]))


def _shifted_tokens(image_base: int, text: dict, **extra) -> TokenConfig:
    """Image/point block at image_base + offset (real layout: 151936 + offset)."""
    o = image_base
    return TokenConfig(im_start=o, im_end=o + 1, im_patch=o + 2, im_col=o + 3, low_res_im_start=o + 4,
                       image=o + 5, im_low=o + 6, frame_start=o + 7, frame_end=o + 8, patch=o + 11,
                       subpatch=o + 12, location=o + 13, **text, **extra)


def molmopoint_gui_8b() -> MolmoPointConfig:
    return MolmoPointConfig()


def tiny_golden(rope_inv_freq_llm=None, rope_inv_freq_point=None) -> MolmoPointConfig:
    """The configuration of ../shared/golden/molmopoint-tiny (README §1-2)."""
    return MolmoPointConfig(
        vit=VitConfig(width=32, heads=2, head_dim=16, mlp=64, layers_in_config=10),
        connector=ConnectorConfig(heads=2, head_dim=16, projector_hidden=128),
        decoder=DecoderConfig(layers=2, hidden=64, heads=4, kv_heads=2, head_dim=16, mlp=128,
                              base_vocab=1024, additional_vocab=128, rope_inv_freq=rope_inv_freq_llm),
        point=PointHeadConfig(dim=32, rope_inv_freq=rope_inv_freq_point),
        preprocessing=PreprocessingConfig(default_max_crops=8),
        tokens=_shifted_tokens(1024, dict(bos=1021, eos=1021, pad=1019, chat_im_start=1020,
                                          user_prefix_ids=[1020, 872, 198],
                                          user_suffix_ids=[1021, 198, 1020, 991, 198]),
                               max_new_tokens=16),
    )


# Tiny random test model: byte-level vocabulary (0..255), chat specials at 256..258, image block at 384.
TINY_TEXT_SPECIALS = {"<|endoftext|>": 256, "<|im_start|>": 257, "<|im_end|>": 258}


def tiny_random() -> MolmoPointConfig:
    """A small random model for test/fixtures/tiny-model (sizes differ from the golden on purpose)."""
    return MolmoPointConfig(
        vit=VitConfig(width=48, heads=3, head_dim=16, mlp=96, layers_in_config=6, vit_layers=[-1, -4]),
        connector=ConnectorConfig(heads=2, head_dim=24, projector_hidden=96),
        decoder=DecoderConfig(layers=2, hidden=64, heads=4, kv_heads=2, head_dim=16, mlp=128,
                              base_vocab=384, additional_vocab=128),
        point=PointHeadConfig(dim=32),
        preprocessing=PreprocessingConfig(default_max_crops=4),
        # user\n and assistant\n as bytes of the byte-level tokenizer
        tokens=_shifted_tokens(384, dict(bos=258, eos=258, pad=256, chat_im_start=257,
                                         user_prefix_ids=[257] + list(b"user\n"),
                                         user_suffix_ids=[258, 10, 257] + list(b"assistant\n")),
                               max_new_tokens=16),
    )
