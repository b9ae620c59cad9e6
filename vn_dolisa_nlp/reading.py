"""Reading report files: paths, folders, encodings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

TEXT_SUFFIXES = (".txt", ".md")


def looks_like_path(value: str | os.PathLike) -> bool:
    """True for a ``Path``, or a short one-line string naming an existing file."""
    if isinstance(value, os.PathLike):
        return True
    return len(value) < 4096 and "\n" not in value and os.path.isfile(value)


def read_text(path: str | os.PathLike) -> str:
    """A report's text: UTF-8 (with or without BOM); undecodable bytes become U+FFFD."""
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="replace")


def iter_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files named, and the text files (``.txt``, ``.md``) inside folders named, sorted."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
        else:
            yield p
