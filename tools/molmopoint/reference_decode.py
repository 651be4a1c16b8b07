"""Reference grounding-token decode loop in PyTorch (what the TS runtime does with the ONNX graphs).

Prefill with the bidirectional image-block mask, cache patch/subpatch keys, then greedy steps: extended logits ->
grammar -> optional point-forcing harness -> argmax -> feedback embedding (golden molmopoint-tiny README §6, §8).
Every intermediate is recorded so that goldens and frozen fixtures can be compared stage by stage.
"""
from __future__ import annotations

from typing import Dict, List, Optional

import numpy as np
import torch

from .decoder import prefill_mask
from .grammar import Bounds, apply_grammar, apply_harness, extended_logits
from .model import MolmoPoint


def token_types(cfg, input_ids: np.ndarray) -> np.ndarray:
    return np.isin(input_ids, cfg.tokens.image_token_types).astype(np.int64)


class ReferenceDecoder:
    def __init__(self, model: MolmoPoint):
        self.model = model.eval()
        self.cfg = model.cfg

    @torch.no_grad()
    def run(self, input_ids: np.ndarray, pixel_values: np.ndarray, pooling: np.ndarray,
            max_new_tokens: Optional[int] = None, harness: bool = True,
            stop_after_point: bool = False) -> Dict[str, object]:
        cfg, model = self.cfg, self.model
        tokens = cfg.tokens
        max_new_tokens = max_new_tokens or tokens.max_new_tokens
        record: Dict[str, object] = {}

        image_features, gathered, vit_features = model.encode_images(
            torch.from_numpy(pixel_values), torch.from_numpy(pooling.astype(np.int64)))
        record.update(vit_features=vit_features, gathered=gathered, image_features=image_features)
        n_rows = pooling.shape[0]
        bounds = Bounds(cfg.point_base, n_rows)

        ids = torch.from_numpy(input_ids.astype(np.int64))
        is_image = (ids == tokens.im_low) | (ids == tokens.im_patch)
        if int(is_image.sum()) != n_rows:
            raise ValueError(f"{int(is_image.sum())} image tokens in the prompt, pooling has {n_rows} rows")
        lookup = ids.clone()
        if cfg.point.im_low_embedding == "im_patch":
            lookup[ids == tokens.im_low] = tokens.im_patch
        embeds = model.decoder.embed(lookup)
        embeds[is_image] = embeds[is_image] + image_features
        record["prefill_inputs_embeds"] = embeds.clone()

        s = ids.shape[0]
        mask = prefill_mask(torch.from_numpy(token_types(cfg, input_ids)))
        positions = torch.arange(s).view(1, s)
        logits, hidden_pre, past, layers = model.decoder(embeds.unsqueeze(0), mask, positions, None,
                                                         return_layers=True)
        record.update(prefill_layers=[x[0] for x in layers], prefill_hidden_pre=hidden_pre[0],
                      prefill_logits=logits[0])

        # point cache (spec §5.3): keys rotated by their high-res position, -1 for global rows
        head = model.point_head
        image_positions = torch.nonzero(is_image).view(-1)
        is_high_res = ids[image_positions] == tokens.im_patch
        image_pos = torch.full((n_rows,), -1, dtype=torch.int64)
        image_pos[is_high_res] = torch.arange(int(is_high_res.sum()))
        patch_keys = head.patch_keys(hidden_pre[0, image_positions], image_pos)
        key_mask = torch.cat([is_high_res, torch.ones(1, dtype=torch.bool)])
        subpatch_keys = head.subpatch_keys(gathered)
        slot_valid = torch.from_numpy(pooling >= 0)
        record.update(patch_keys=patch_keys, patch_key_mask=key_mask, subpatch_keys=subpatch_keys,
                      image_pos=image_pos)

        special = (tokens.patch, tokens.subpatch, tokens.location)
        generated: List[int] = []
        steps: List[dict] = []
        last_patch = -1          # latest real PATCH fed so far
        rotation_patch = -1      # latest PATCH fed before the current input token
        input_kind = None
        h = hidden_pre[0, -1]
        plain = logits[0]
        length = s
        for step in range(max_new_tokens):
            patch_scores = sub_scores = loc_scores = None
            if step > 0:
                rotation = int(image_pos[rotation_patch]) if rotation_patch >= 0 else 0
                patch_scores = head.patch_scores(h, rotation, patch_keys, key_mask)
                if input_kind[0] == "PATCH":
                    p = input_kind[1]
                    sub_scores = head.subpatch_scores(h, subpatch_keys[p], slot_valid[p])
                elif input_kind[0] == "SUBPATCH":
                    loc_scores = head.location_scores(h)
            ext = extended_logits(plain.numpy(), bounds, special, _np(patch_scores), _np(sub_scores),
                                  _np(loc_scores))
            scores = apply_grammar(ext, generated, bounds)
            action = "none"
            if harness:
                scores, action = apply_harness(scores, generated, bounds)
            chosen = int(np.argmax(scores))
            generated.append(chosen)
            steps.append(dict(step=step, ext=ext, scores=scores, patch_scores=_np(patch_scores),
                              subpatch_scores=_np(sub_scores), location_scores=_np(loc_scores),
                              chosen=chosen, harness=action,
                              rotation_patch=rotation_patch if step > 0 else None))
            if chosen == tokens.eos or step == max_new_tokens - 1:
                break
            if stop_after_point and bounds.kind(chosen)[0] in ("LOCATION", "NMP"):
                break
            # feedback embedding (golden README §8.4)
            kind = bounds.kind(chosen)
            rotation_patch = last_patch
            if kind[0] == "TEXT":
                x = model.decoder.embed(torch.tensor(chosen))
            elif kind[0] == "PATCH":
                x = model.decoder.embed(torch.tensor(tokens.patch)) + image_features[kind[1]]
                last_patch = kind[1]
            elif kind[0] == "NMP":
                x = model.decoder.embed(torch.tensor(tokens.patch))
            elif kind[0] == "SUBPATCH":
                x = model.build_vit_embedding(gathered[last_patch, kind[1]])
                if cfg.point.subpatch_embedding == "add":
                    x = x + model.decoder.embed(torch.tensor(tokens.subpatch))
            else:
                x = model.decoder.embed(torch.tensor(tokens.location))
            input_kind = kind
            step_mask = torch.zeros(1, 1, 1, length + 1)
            logits, hidden, past, _ = model.decoder(x.view(1, 1, -1), step_mask, torch.tensor([[length]]), past)
            length += 1
            h, plain = hidden[0, -1], logits[0]
            steps[-1].update(next_inputs_embeds=x.numpy().copy(), next_hidden_pre=h.numpy().copy())
        record.update(steps=steps, generated=generated, bounds=bounds)
        return record


def _np(t):
    return None if t is None else t.detach().numpy().astype(np.float32)
