"""Measure the two sources of the 2025 old -> new mapping on the same list of old places.

Every legacy unit of ``vietnamadminunits``'s ``dataset.db`` (63 provinces, their districts
and communes) is written as an address (``Xã Mường Phăng, Huyện Điện Biên, Tỉnh Điện
Biên``) and converted by ``vietnamadminunits.convert_address`` and by
``underthesea.convert_address`` (underthesea >= 9.3). For each level the table gives how
many got a 2025 province (coverage), how many agree with the official conversion tables
that ``build_gazetteer.py`` reads (``converter_2025.json``, by unit key, no parsing), how
many agree with each other (province, and the 2025 commune for communes) and the time per
lookup.

    pip install -e ".[gazetteer]" && python training/compare_mappings.py [--limit N]
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections import defaultdict

from build_gazetteer import DATA, Successors


def old_places(con: sqlite3.Connection) -> list[tuple[str, str, str | None, str | None]]:
    """(level, address, expected 2025 province, expected 2025 commune) of every legacy unit."""
    successors = Successors(con)
    places: dict[str, tuple[str, str, str | None, str | None]] = {}
    for prov, prov_k, dist, dist_k, ward, ward_k in con.execute(
            "select province, provinceKey, district, districtKey, ward, wardKey from admin_units_legacy"):
        new_province = successors.province[prov_k]
        places.setdefault(prov, ("province", prov, new_province, None))
        places.setdefault(f"{dist}, {prov}", ("district", f"{dist}, {prov}", new_province, None))
        if ward:
            commune, by_commune = successors.of_commune(prov_k, dist_k, ward_k)
            address = f"{ward}, {dist}, {prov}"
            places.setdefault(address, ("commune", address, by_commune, commune))
    return list(places.values())


def _vietnamadminunits(address: str) -> tuple[str | None, str | None]:
    from vietnamadminunits import convert_address

    unit = convert_address(address)
    return unit.province or None, unit.ward or None


def _underthesea(address: str) -> tuple[str | None, str | None]:
    from underthesea import convert_address

    result = convert_address(address)
    return result.new.province or None, result.new.ward or None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first N places of each level")
    args = parser.parse_args()
    places = old_places(sqlite3.connect(DATA / "dataset.db"))
    if args.limit:
        by_level: dict[str, list] = defaultdict(list)
        for place in places:
            by_level[place[0]].append(place)
        places = [p for level in by_level.values() for p in level[:args.limit]]
    tools = {"vietnamadminunits": _vietnamadminunits, "underthesea": _underthesea}
    for convert in tools.values():  # load each tool's data before timing it
        convert(places[0][1])
    answers: dict[str, list[tuple[str | None, str | None]]] = {}
    seconds: dict[str, float] = {}
    for name, convert in tools.items():
        start = time.perf_counter()
        answers[name] = [convert(address) for _, address, _, _ in places]
        seconds[name] = time.perf_counter() - start
    rows = ["| level | places | tool | coverage (a 2025 province) | province = tables | commune = tables |",
            "|---|---:|---|---:|---:|---:|"]
    for level in ("province", "district", "commune"):
        idx = [i for i, p in enumerate(places) if p[0] == level]
        for name in tools:
            got = [answers[name][i] for i in idx]
            covered = sum(g[0] is not None for g in got)
            same_province = sum(g[0] == places[i][2] for g, i in zip(got, idx))
            same_commune = sum(g[1] == places[i][3] for g, i in zip(got, idx)) if level == "commune" else None
            rows.append(f"| {level} | {len(idx)} | {name} | {covered} | {same_province} | "
                        + (f"{same_commune} |" if same_commune is not None else "- |"))
    print("\n".join(rows))
    both = list(zip(*answers.values()))
    print(f"\nthe two tools agree on the 2025 province of {sum(a[0] == b[0] for a, b in both)}/{len(both)} "
          f"places and on the 2025 commune of "
          f"{sum(a == b for (a, b), p in zip(both, places) if p[0] == 'commune')}/"
          f"{sum(p[0] == 'commune' for p in places)} communes")
    for name in tools:
        print(f"{name}: {1000 * seconds[name] / len(places):.3f} ms per lookup ({len(places)} lookups)")


if __name__ == "__main__":
    main()
