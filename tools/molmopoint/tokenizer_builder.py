"""A small byte-level BPE `tokenizer.json` for test packages (loads in @huggingface/tokenizers and HF tokenizers).

Byte b has id b (0..255), so the chat-template ids in the manifest can be written as bytes; no merges (every byte is
one token). Special tokens are added at the ids the package's config gives (chat specials, image block).
"""
from __future__ import annotations

from typing import Dict

from .config import MolmoPointConfig


def bytes_to_unicode() -> Dict[int, str]:
    """GPT-2's reversible byte -> printable character table (what the ByteLevel pre-tokenizer uses)."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    table, extra = {}, 0
    for b in range(256):
        if b in printable:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table


def special_tokens(cfg: MolmoPointConfig, chat: Dict[str, int]) -> Dict[str, int]:
    t = cfg.tokens
    named = {"<im_start>": t.im_start, "<im_end>": t.im_end, "<im_patch>": t.im_patch, "<im_col>": t.im_col,
             "<low_res_im_start>": t.low_res_im_start, "<|image|>": t.image, "<im_low>": t.im_low,
             "<frame_start>": t.frame_start, "<frame_end>": t.frame_end, "<|token_index|>": t.patch,
             "<|vit_index|>": t.subpatch, "<|vit_loc|>": t.location}
    return {**chat, **named}


def byte_level_tokenizer(specials: Dict[str, int]) -> dict:
    vocab = {ch: b for b, ch in bytes_to_unicode().items()}
    added = [{"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
              "special": True} for s, i in sorted(specials.items(), key=lambda kv: kv[1])]
    for s, i in specials.items():
        vocab[s] = i
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added, "normalizer": None,
        "pre_tokenizer": byte_level, "post_processor": None, "decoder": byte_level,
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": vocab, "merges": []},
    }


def tokenizer_config(specials: Dict[str, int], eos: str, pad: str) -> dict:
    return {"tokenizer_class": "PreTrainedTokenizerFast", "eos_token": eos, "pad_token": pad, "bos_token": None,
            "add_bos_token": False, "add_eos_token": False, "clean_up_tokenization_spaces": False,
            "model_max_length": 1 << 20,
            "added_tokens_decoder": {str(i): {"content": s, "special": True, "lstrip": False, "rstrip": False,
                                              "normalized": False, "single_word": False}
                                     for s, i in specials.items()}}


def encode_text(text: str) -> list:
    """What the tokenizer gives for plain text (no specials): its UTF-8 bytes."""
    return list(text.encode("utf-8"))
