"""Extended id space, the grounding-token grammar and the golden's point-forcing harness (pure, no torch)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np

NOT_COMPUTED = -1e5  # score of a point entry that the forward did not produce


@dataclass(frozen=True)
class Bounds:
    """Extended ids for V = point base and N pooling rows (spec §5.1)."""
    V: int
    N: int

    @property
    def nmp(self) -> int:
        return self.V + self.N

    @property
    def subpatch0(self) -> int:
        return self.V + self.N + 1

    @property
    def location0(self) -> int:
        return self.V + self.N + 5

    @property
    def size(self) -> int:
        return self.V + self.N + 14

    def kind(self, token: int) -> Tuple[str, Optional[int]]:
        if token < self.V:
            return "TEXT", token
        if token < self.nmp:
            return "PATCH", token - self.V
        if token == self.nmp:
            return "NMP", None
        if token < self.location0:
            return "SUBPATCH", token - self.subpatch0
        return "LOCATION", token - self.location0


def extended_logits(plain: np.ndarray, bounds: Bounds, special: Tuple[int, int, int],
                    patch_scores: Optional[np.ndarray], subpatch_scores: Optional[np.ndarray],
                    location_scores: Optional[np.ndarray]) -> np.ndarray:
    """Golden README §8.1: copy the PATCH-token logit into the argmax patch slot (NMP column included)."""
    patch_id, subpatch_id, location_id = special
    ext = np.full(bounds.size, NOT_COMPUTED, dtype=np.float32)
    ext[:bounds.V] = plain[:bounds.V]
    ext[[patch_id, subpatch_id, location_id]] = NOT_COMPUTED
    if patch_scores is not None:
        ext[bounds.V + int(np.argmax(patch_scores))] = plain[patch_id]
    if subpatch_scores is not None:
        ext[bounds.subpatch0:bounds.subpatch0 + 4] = subpatch_scores
    if location_scores is not None:
        ext[bounds.location0:bounds.location0 + 9] = location_scores
    return ext


def _previous_point(generated: Sequence[int], bounds: Bounds) -> Tuple[Optional[int], Optional[int]]:
    """Last PATCH and last SUBPATCH among all but the last two tokens (they may be an unfinished point), tracked
    independently as HF does: right after a LOCATION the patch is the current point's and the subpatch the
    previous point's (../shared/golden/molmo2 point_head scenario 2, step 12)."""
    patch, subpatch = None, None
    for token in generated[:max(len(generated) - 2, 0)]:
        kind, value = bounds.kind(token)
        if kind == "PATCH":
            patch = value
        elif kind == "SUBPATCH":
            subpatch = value
    return patch, subpatch


def apply_grammar(scores: np.ndarray, generated: Sequence[int], bounds: Bounds) -> np.ndarray:
    """HF MolmoPointLogitProcessor with mask_patches=always, mask_subpatches/mask_repeats=inference."""
    out = scores.copy()
    ninf = np.float32(-np.inf)
    if bounds.nmp in generated:
        out[bounds.V:] = ninf
        return out
    last_kind = bounds.kind(generated[-1])[0] if generated else "TEXT"
    prev_patch, prev_subpatch = _previous_point(generated, bounds)
    if last_kind == "PATCH":
        keep = out[bounds.subpatch0:bounds.location0].copy()
        out[:] = ninf
        out[bounds.subpatch0:bounds.location0] = keep
        if prev_patch is not None and bounds.kind(generated[-1])[1] == prev_patch and prev_subpatch is not None:
            out[bounds.subpatch0:bounds.subpatch0 + prev_subpatch + 1] = ninf
        return out
    if last_kind == "SUBPATCH":
        keep = out[bounds.location0:bounds.size].copy()
        out[:] = ninf
        out[bounds.location0:bounds.size] = keep
        return out
    out[bounds.subpatch0:bounds.size] = ninf
    if prev_patch is not None:
        out[bounds.V:bounds.V + prev_patch] = ninf
        if prev_subpatch == 3:
            out[bounds.V + prev_patch] = ninf
    return out


def count_triples(generated: Sequence[int], bounds: Bounds) -> int:
    kinds = [bounds.kind(t)[0] for t in generated]
    return sum(1 for i in range(len(kinds) - 2) if kinds[i:i + 3] == ["PATCH", "SUBPATCH", "LOCATION"])


def apply_harness(scores: np.ndarray, generated: Sequence[int], bounds: Bounds) -> Tuple[np.ndarray, str]:
    """The golden's point-forcing rule (../shared/golden/molmopoint-tiny README §6): random weights never point."""
    if not generated or generated[-1] >= bounds.V or bounds.nmp in generated:
        return scores, "none"
    out = scores.copy()
    triples = count_triples(generated, bounds)
    if triples < 2 and np.any(scores[bounds.V:] > -1e4):
        out[:bounds.V] = -np.inf
        return out, "point-forcing"
    if triples >= 1 and np.isfinite(scores[bounds.nmp]):
        out[:] = -np.inf
        out[bounds.nmp] = scores[bounds.nmp]
        return out, "nmp-forcing"
    return scores, "none"


def extract_points(generated: Sequence[int], bounds: Bounds, pooling: np.ndarray, subpatch_mapping: np.ndarray,
                   width: int, height: int, cell_factor: float = 0.33) -> List[dict]:
    """(patch, subpatch, location) triples -> points in original pixels (spec §5.7; 0.33, not 1/3)."""
    hg, wg = subpatch_mapping.shape
    points = []
    kinds = [bounds.kind(t) for t in generated]
    for i in range(len(kinds) - 2):
        (k0, p), (k1, s), (k2, l) = kinds[i:i + 3]
        if (k0, k1, k2) != ("PATCH", "SUBPATCH", "LOCATION"):
            continue
        vit_id = int(pooling[p, s])
        where = np.argwhere(subpatch_mapping == vit_id)
        if vit_id < 0 or len(where) == 0:
            continue
        row, col = (int(v) for v in where[0])
        loc_x, loc_y = l // 3, l % 3
        x = (col + (loc_x + 0.5) * cell_factor) / wg * width
        y = (row + (loc_y + 0.5) * cell_factor) / hg * height
        points.append({"patch": p, "subpatch": s, "location": l, "x": x, "y": y})
    return points
