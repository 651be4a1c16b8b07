"""Check our grammar (tools/molmopoint/grammar.py) against the four point-head scenarios of ../shared/golden/molmo2.

    nice -n 10 /usr/bin/python3 -m tools.molmopoint.check_grammar

Per step: the raw extended tail (golden input) plus the scenario's text logits -> apply_grammar -> must equal the
processed tail exactly (including -inf) and the processed text ids; greedy argmax must give the emitted token.
Covers what the tiny golden does not: a re-selected patch (subpatch must grow), NMP as the first point, a padded
last column and the argmax-before-mask rule.
"""
from __future__ import annotations

import json
import os
import sys

import numpy as np

from .grammar import Bounds, apply_grammar

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "golden", "molmo2",
                                     "point_head"))
SCENARIOS = ["scenario1_single_point", "scenario2_three_points", "scenario3_no_more_points_first",
             "scenario4_padding_and_order_mask"]


def main() -> int:
    failures = 0
    for name in SCENARIOS:
        folder = os.path.join(ROOT, name)
        with open(os.path.join(folder, "scenario.json")) as f:
            scenario = json.load(f)
        raw = np.load(os.path.join(folder, "step_ext_tail_raw.npy"))
        processed = np.load(os.path.join(folder, "step_ext_tail_processed.npy"))
        V, N = scenario["ext_vocab"]["V"], scenario["N"]
        bounds = Bounds(V, N)
        generated = scenario["generated_ids"]
        bad = []
        for i, step in enumerate(scenario["steps"]):
            text = np.full(V, scenario["text_logit_base"], dtype=np.float32)
            for token, value in step["text_logit_overrides"].items():
                text[int(token)] = value
            text[[151947, 151948, 151949]] = -1e5
            scores = apply_grammar(np.concatenate([text, raw[i]]), generated[:i], bounds)
            tail_ok = np.array_equal(scores[V:], processed[i])
            text_ok = all(scores[int(t)] == float(v) for t, v in step["processed_scores_at_text_ids"].items())
            chosen_ok = int(np.argmax(scores)) == generated[i]
            if not (tail_ok and text_ok and chosen_ok):
                bad.append((i, tail_ok, text_ok, chosen_ok))
        failures += len(bad)
        print(f"{name}: {len(scenario['steps'])} steps, {'all equal' if not bad else f'differences at {bad}'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
