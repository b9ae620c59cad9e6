"""Build ``vn_dolisa_nlp/data/gazetteer.jsonl`` from the ``vietnamadminunits`` package.

The reports predate the 2025 reform, so both the legacy units (63 provinces,
their districts and communes) and the current ones (34 provinces, their wards)
are kept. Each line: ``{"name", "level", "type", "province", "canonical"}`` where
``name`` is the short name ("Điện Biên Đông"), ``type`` the admin prefix
("Huyện") and ``canonical`` the full standard name ("Huyện Điện Biên Đông").

    pip install vietnamadminunits && python training/build_gazetteer.py
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import srsly
import vietnamadminunits

OUT = Path(__file__).resolve().parents[1] / "vn_dolisa_nlp" / "data" / "gazetteer.jsonl"
# Names the package has already replaced by post-reform ones, but which the reports use:
# (short name, type, canonical at the time of the reports).
RENAMED_PROVINCES = [("Thừa Thiên Huế", "Tỉnh", "Tỉnh Thừa Thiên Huế")]


def _province_type(full: str) -> str:
    return "Thành phố" if full.startswith("Thành phố") else "Tỉnh"


def rows() -> list[dict]:
    db = Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"
    con = sqlite3.connect(db)
    seen: set[tuple] = set()
    out: list[dict] = []

    def add(name: str, level: str, type_: str | None, province: str, canonical: str, era: str) -> None:
        key = (name, level, province)
        if name and key not in seen:
            seen.add(key)
            out.append({"name": name, "level": level, "type": type_, "province": province,
                        "canonical": canonical, "era": era})

    legacy = con.execute(
        "select province, provinceShort, district, districtShort, districtType, ward, wardShort, wardType "
        "from admin_units_legacy"
    )
    for prov, prov_s, dist, dist_s, dist_t, ward, ward_s, ward_t in legacy:
        add(prov_s, "province", _province_type(prov), prov_s, prov, "legacy")
        add(dist_s, "district", dist_t, prov_s, dist, "legacy")
        if ward_s:
            add(ward_s, "commune", ward_t, prov_s, ward, "legacy")
    for name, type_, canonical in RENAMED_PROVINCES:
        add(name, "province", type_, name, canonical, "legacy")
    for prov, prov_s, ward, ward_s, ward_t in con.execute(
        "select province, provinceShort, ward, wardShort, wardType from admin_units"
    ):
        add(prov_s, "province", _province_type(prov), prov_s, prov, "2025")
        if ward_s:
            add(ward_s, "commune", ward_t, prov_s, ward, "2025")
    return out


def main() -> None:
    data = rows()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    srsly.write_jsonl(OUT, data)
    counts: dict[str, int] = {}
    for row in data:
        counts[row["level"]] = counts.get(row["level"], 0) + 1
    print(f"{len(data)} units -> {OUT}: {counts}")


if __name__ == "__main__":
    main()
