"""Fields of a ``POLICY_DOC``: type, number, issuer code, year and issue date.

``Nghị quyết số 08/2023/NQ-HĐND ngày 14/7/2023`` gives ``Nghị quyết``,
``08/2023/NQ-HĐND``, ``NQ-HĐND``, 2023 and ``2023-07-14``.
"""

from __future__ import annotations

import re
from typing import TypedDict

from .dates import full_date
from .normalize import normalize_text

DOC_TYPES = (
    "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị", "Thông tư",
    "Thông tư liên tịch", "Kế hoạch", "Chương trình", "Đề án", "Dự án", "Công văn", "Báo cáo",
    "Hướng dẫn", "Kết luận", "Thông báo", "Tờ trình", "Văn bản", "Quy định", "Quy chế",
)
_TYPE = re.compile(r"^\s*(" + "|".join(sorted(DOC_TYPES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_CODE = re.compile(r"[A-ZĐ][A-Za-zĐđ]*(?:[-/][A-ZĐ][A-Za-zĐđ]*)+")


class PolicyFields(TypedDict):
    doc_type: str | None
    doc_number: str | None
    issuer_code: str | None
    year: int | None
    issued: str | None


def _doc_number(text: str) -> str | None:
    for token in text.split():
        token = token.strip(",;:.()")
        if any(c.isdigit() for c in token) and ("/" in token or "-" in token) and _CODE.search(token):
            return token
        if token.startswith("/") and _CODE.search(token):
            return token
    return None


def policy_fields(text: str) -> PolicyFields:
    """The fields of a policy-document reference (None for what is not written)."""
    norm = normalize_text(text)
    m = _TYPE.match(norm)
    doc_type = m.group(1)[0].upper() + m.group(1)[1:].lower() if m else None
    number = _doc_number(norm)
    issuer = None
    year = None
    if number:
        code = _CODE.search(number)
        issuer = code.group(0) if code else None
        y = re.search(r"/((?:19|20)\d{2})/", number)
        year = int(y.group(1)) if y else None
    issued = full_date(norm)
    if year is None and issued:
        year = int(issued[:4])
    if year is None:
        y = re.search(r"năm\s+((?:19|20)\d{2})", norm)
        year = int(y.group(1)) if y else None
    return PolicyFields(doc_type=doc_type, doc_number=number, issuer_code=issuer, year=year, issued=issued)
