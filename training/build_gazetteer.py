"""Build ``vn_dolisa_nlp/data/gazetteer.jsonl`` from the ``vietnamadminunits`` package.

Both maps are kept: the legacy units (63 provinces, their districts and communes, the
names of reports written before 1 July 2025) and the current ones (34 provinces, their
communes, wards and special zones, ``đặc khu``). Each line:
``{"name", "level", "type", "province", "canonical", "era", "province_2025"}`` where
``name`` is the short name ("Điện Biên Đông"), ``type`` the admin prefix ("Huyện"),
``province`` the short name of the province the unit belonged to in its era,
``canonical`` the full standard name ("Huyện Điện Biên Đông"), ``era`` ``legacy`` or
``2025``, and ``province_2025`` the province of the 34 that holds the unit today
("Tỉnh Điện Biên"), from the package's official conversion tables
(``converter_2025.json``): a legacy commune through the commune it went into (the default
one when it was split), a district or province through its province.

    pip install -e ".[gazetteer]" && python training/build_gazetteer.py
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import vietnamadminunits

OUT = Path(__file__).resolve().parents[1] / "vn_dolisa_nlp" / "data" / "gazetteer.jsonl"
DATA = Path(vietnamadminunits.__file__).parent / "data"
# Names the package has already replaced by post-reform ones, but which the reports use:
# (short name, type, canonical at the time of the reports, legacy province key).
RENAMED_PROVINCES = [("Thừa Thiên Huế", "Tỉnh", "Tỉnh Thừa Thiên Huế", "thanhphohue")]


def _province_type(full: str) -> str:
    return "Thành phố" if full.startswith("Thành phố") else "Tỉnh"


class Successors:
    """The official 2025 conversion: legacy province key -> 2025 province, legacy commune key
    (``province_district_ward``) -> the 2025 commune it went into and that commune's province."""

    def __init__(self, con: sqlite3.Connection) -> None:
        tables = json.loads((DATA / "converter_2025.json").read_text(encoding="utf-8"))
        self.new_province = {key: full for key, full in con.execute(
            "select distinct provinceKey, province from admin_units")}
        self.new_commune = {(p, w): full for p, w, full in con.execute(
            "select provinceKey, wardKey, ward from admin_units")}
        self.province = {old: self.new_province[new] for new, olds in tables["DICT_PROVINCE"].items() for old in olds}
        self.commune: dict[str, tuple[str, str]] = {}
        for new_p, communes in tables["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for new_w, olds in communes.items():
                for old in olds:
                    self.commune.setdefault(old, (new_p, new_w))
        for new_p, olds in tables["DICT_PROVINCE_WARD_DIVIDED"].items():
            for old, parts in olds.items():  # a commune split between several: the default one
                part = next((p for p in parts if p["isDefaultNewWard"]), parts[0])
                self.commune.setdefault(old, (new_p, part["newWardKey"]))

    def of_commune(self, province_key: str, district_key: str, ward_key: str | None) -> tuple[str | None, str]:
        """(2025 commune, 2025 province) of a legacy commune, or of a district without communes
        (the island districts that became special zones); the commune is None when unknown."""
        new_p, new_w = self.commune.get(f"{province_key}_{district_key}_{ward_key or ''}", (None, None))
        if new_p is None:
            return None, self.province[province_key]
        return self.new_commune.get((new_p, new_w)), self.new_province[new_p]


def rows() -> list[dict]:
    con = sqlite3.connect(DATA / "dataset.db")
    successors = Successors(con)
    seen: set[tuple] = set()
    out: list[dict] = []
    disagreements = 0

    def add(name: str, level: str, type_: str | None, province: str, canonical: str, era: str,
            province_2025: str) -> None:
        key = (name, level, type_, province, era)
        if name and key not in seen:
            seen.add(key)
            out.append({"name": name, "level": level, "type": type_, "province": province,
                        "canonical": canonical, "era": era, "province_2025": province_2025})

    legacy = con.execute(
        "select province, provinceShort, provinceKey, district, districtShort, districtType, districtKey, "
        "ward, wardShort, wardType, wardKey from admin_units_legacy"
    )
    for prov, prov_s, prov_k, dist, dist_s, dist_t, dist_k, ward, ward_s, ward_t, ward_k in legacy:
        by_province = successors.province[prov_k]
        add(prov_s, "province", _province_type(prov), prov_s, prov, "legacy", by_province)
        add(dist_s, "district", dist_t, prov_s, dist, "legacy", by_province)
        if ward_s:
            _, by_commune = successors.of_commune(prov_k, dist_k, ward_k)
            disagreements += by_commune != by_province
            add(ward_s, "commune", ward_t, prov_s, ward, "legacy", by_commune)
    if disagreements:
        raise SystemExit(f"{disagreements} communes map to another province than their province does")
    for name, type_, canonical, key in RENAMED_PROVINCES:
        add(name, "province", type_, name, canonical, "legacy", successors.province[key])
    for prov, prov_s, ward, ward_s, ward_t in con.execute(
        "select province, provinceShort, ward, wardShort, wardType from admin_units"
    ):
        add(prov_s, "province", _province_type(prov), prov_s, prov, "2025", prov)
        if ward_s:
            add(ward_s, "commune", ward_t, prov_s, ward, "2025", prov)
    return out


def main() -> None:
    data = rows()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:  # UTF-8 as written, not \u escapes: readable, a third smaller
        f.writelines(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n" for row in data)
    counts: dict[tuple[str, str], int] = {}
    for row in data:
        counts[row["era"], row["level"]] = counts.get((row["era"], row["level"]), 0) + 1
    print(f"{len(data)} units -> {OUT}: " + ", ".join(f"{era} {level} {n}" for (era, level), n in counts.items()))


if __name__ == "__main__":
    main()
