"""Build a MolmoPointConfig from a MolmoPoint Hugging Face `config.json` (sizes and special ids).

Flags that select behaviour we did not implement are refused with a message rather than silently ignored. Text-side
ids the config does not carry (BOS/EOS/PAD, chat template ids) and preprocessing come from `base` (the GUI-8B
preset by default: Qwen3 ids, 48 crops).
"""
from __future__ import annotations

import copy
from typing import Optional

from .config import ConnectorConfig, DecoderConfig, MolmoPointConfig, PointHeadConfig, VitConfig, molmopoint_gui_8b

# flag -> the only value our definition implements
_REQUIRED = {"patch_location": "3x3", "no_more_points_class": True, "patch_embedding_kind": "image_feature0",
             "embed_selected_vit_patch": "linear", "embed_location": False, "layer_norm_x": True,
             "norm_logits": True, "token_prediction_rotary": "one_d"}
_REQUIRED_ADAPTER = {"positional_embeddings": None, "attention_pooling_out_layer": False}
_REQUIRED_TEXT = {"qkv_bias": False, "use_qk_norm": True, "qk_norm_type": "qwen3", "norm_after": False}


def _check(section: dict, required: dict, where: str) -> None:
    for key, value in required.items():
        if key in section and section[key] != value:
            raise ValueError(f"config.json {where}{key} = {section[key]!r}: only {value!r} is implemented")


def config_from_hf(hf: dict, base: Optional[MolmoPointConfig] = None) -> MolmoPointConfig:
    cfg = copy.deepcopy(base or molmopoint_gui_8b())
    vit, adapter, text = hf["vit_config"], hf["adapter_config"], hf["text_config"]
    _check(hf, _REQUIRED, "")
    _check(adapter, _REQUIRED_ADAPTER, "adapter_config.")
    _check(text, _REQUIRED_TEXT, "text_config.")
    if vit.get("hidden_act") not in ("gelu_pytorch_tanh", "gelu_tanh"):
        raise ValueError(f"config.json vit_config.hidden_act = {vit.get('hidden_act')!r}: only gelu (tanh) is implemented")
    if hf.get("mask_patches", "always") != "always" or hf.get("mask_subpatches", "inference") != "inference" \
            or hf.get("mask_repeats", "inference") != "inference":
        raise ValueError("config.json grammar masks differ from always/inference/inference: not implemented")
    if text.get("tie_word_embeddings", hf.get("tie_word_embeddings", False)):
        raise ValueError("config.json: tied word embeddings are not implemented (MolmoPoint's LM head is untied)")
    size = vit.get("image_default_input_size", [378, 378])[0]
    cfg.vit = VitConfig(width=vit["hidden_size"], heads=vit["num_attention_heads"], head_dim=vit["head_dim"],
                        mlp=vit["intermediate_size"], layers_in_config=vit["num_hidden_layers"],
                        vit_layers=list(adapter["vit_layers"]), layer_norm_eps=vit["layer_norm_eps"],
                        patch_size=vit["image_patch_size"], crop_size=size)
    cfg.connector = ConnectorConfig(heads=adapter["num_attention_heads"], head_dim=adapter["head_dim"],
                                    projector_hidden=adapter["intermediate_size"],
                                    padding_mask=bool(adapter.get("pooling_attention_mask", True)))
    if adapter.get("text_hidden_size", text["hidden_size"]) != text["hidden_size"]:
        raise ValueError("config.json adapter_config.text_hidden_size differs from text_config.hidden_size")
    theta = text.get("rope_theta", (text.get("rope_parameters") or {}).get("rope_theta"))
    cfg.decoder = DecoderConfig(layers=text["num_hidden_layers"], hidden=text["hidden_size"],
                                heads=text["num_attention_heads"], kv_heads=text["num_key_value_heads"],
                                head_dim=text["head_dim"], mlp=text["intermediate_size"], rope_theta=float(theta),
                                rms_eps=text["layer_norm_eps"], base_vocab=text["vocab_size"],
                                additional_vocab=text["additional_vocab_size"])
    cfg.point = PointHeadConfig(dim=hf["patch_embed_dim"], rope_theta=float(hf["token_prediction_rotary_theta"]),
                                rms_eps=text["layer_norm_eps"], location_input=cfg.point.location_input,
                                subpatch_embedding=cfg.point.subpatch_embedding,
                                im_low_embedding=cfg.point.im_low_embedding)
    t = cfg.tokens
    t.im_start, t.im_end = hf["image_start_token_id"], hf["image_end_token_id"]
    t.im_patch, t.im_col = hf["image_patch_id"], hf["image_col_id"]
    t.low_res_im_start, t.im_low = hf["low_res_image_start_token_id"], hf["image_non_indexable_patch_id"]
    t.frame_start, t.frame_end = hf["frame_start_token_id"], hf["frame_end_token_id"]
    t.patch, t.subpatch, t.location = hf["patch_token_id"], hf["subpatch_token_id"], hf["location_token_id"]
    t.image = t.low_res_im_start + 1  # <|image|> is not in the config; it sits right after <low_res_im_start>
    return cfg
