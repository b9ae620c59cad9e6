"""``python -m vn_dolisa_nlp.evaluate`` on gold paragraphs of the dev report."""

from __future__ import annotations

import re

import srsly

from vn_dolisa_nlp.evaluate import main

from conftest import ROOT


def test_evaluate_prints_the_tables_and_can_turn_proposals_off(tmp_path, capsys):
    gold = list(srsly.read_jsonl(ROOT / "corpus" / "thuathienhue-2023.jsonl"))
    path = tmp_path / "gold.jsonl"
    srsly.write_jsonl(path, gold)

    main([str(path), "--no-baseline"])
    with_proposals = capsys.readouterr().out
    main([str(path), "--no-baseline", "--no-proposals"])
    without = capsys.readouterr().out

    assert "| QUANTITY |" in with_proposals and "| INDICATOR (overlap) |" in with_proposals

    def links(out: str) -> tuple[int, int]:
        match = re.search(r"gold (\d+), predicted (\d+)", out)
        return int(match[1]), int(match[2])

    assert links(with_proposals)[0] == links(without)[0] > 0
    assert links(with_proposals)[1] > links(without)[1]
