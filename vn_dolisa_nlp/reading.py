"""Reading report files: paths, folders, formats, encodings (SPEC sections 5 and 9).

:func:`read` turns a file into a :class:`Document`: the report's text, one line per
paragraph or table row (cells joined by ``" | "`` in the markdown row form of the
corpus, ``| a | b |``), with its provenance (the format, the encoding found, the
page of every line of a PDF). A file that cannot be read raises :class:`ReadError`,
whose ``reason`` is one of :data:`REASONS`.

- ``.txt``, ``.md`` and any other named file: the encoding is detected
  (:mod:`vn_dolisa_nlp.encodings`: UTF-8 with or without BOM, UTF-16, Windows-1258,
  Windows-1252, TCVN3, VNI); a conversion logs a warning naming the encoding.
- ``.docx`` (python-docx): body paragraphs and tables in reading order, list numbers
  as Word shows them, merged cells once per row, then headers, footers, footnotes
  and endnotes.
- ``.pdf``: the text layer page by page, tables as rows, the lines of a paragraph
  joined into one; a PDF without text is "no text layer". The text and ruling lines
  come from PDFium (``pypdfium2``, Apache-2.0, the renderer pdfplumber ships with):
  it is about 20 times faster than pdfplumber's pdfminer parser, which alone would
  read slower than the pipeline runs. pdfplumber reads a PDF that PDFium cannot open.
- ``.doc``: through LibreOffice (``soffice --convert-to docx``) or ``antiword``.
- ``.html`` / ``.htm``: the visible text, one line per block element, tables as rows.
"""

from __future__ import annotations

import bisect
import logging
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from .encodings import DecodeError, ReasonError, decode, max_replacements, repair_legacy

log = logging.getLogger("vn_dolisa_nlp")

TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".htm")
"""What a folder walk reads; a file named on its own is read whatever its suffix."""
PATH_SUFFIXES = SUFFIXES
"""A one-line ``str`` ending in one of these is a path for :func:`vn_dolisa_nlp.extract`."""
REASONS = ("unreadable", "empty", "not text", "unknown encoding", "no text layer", "converter missing")
ANTIWORD_HINT = "no .doc converter installed: install one with 'apt-get install antiword' (or LibreOffice)"


class ReadError(ReasonError):
    """A file that gives no report text; ``reason`` is one of :data:`REASONS`."""

    template = "{reason} ({detail})"


@dataclass
class Document:
    """A report's text and where it came from."""

    text: str
    format: str                         # "text", "docx", "pdf", "doc", "html"
    encoding: str | None = None         # the encoding found or converted from, when not UTF-8
    line_pages: list[int] | None = None  # the 1-based PDF page of each line of ``text``
    warnings: list[str] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """The PDF page of the character at ``offset`` (None for other formats)."""
        if not self.line_pages:
            return None
        starts = getattr(self, "_starts", None)
        if starts is None:
            starts = [0]
            for m in re.finditer("\n", self.text):
                starts.append(m.end())
            self._starts = starts
        line = bisect.bisect_right(starts, offset) - 1
        return self.line_pages[min(max(line, 0), len(self.line_pages) - 1)]


def with_pages(records: list[dict], doc) -> list[dict]:
    """Each record with ``page``: the PDF page of its quantity (None for other formats)."""
    out = []
    for rec in records:
        rec = dict(rec)
        start = rec.get("quantity_start")
        rec["page"] = doc.page_at(start) if isinstance(start, int) else None
        out.append(rec)
    return out


# -- paths ---------------------------------------------------------------------------------

def as_path(value: str | os.PathLike) -> Path | None:
    """The path ``value`` names under SPEC section 5, or None when it is text: a ``Path``
    (any ``os.PathLike``) is always a file; a ``str`` is a path only when it is one line,
    without spaces around it, ending in a document suffix."""
    if isinstance(value, os.PathLike):
        return Path(value)
    if (isinstance(value, str) and value and len(value) < 4096 and "\n" not in value and "\r" not in value
            and value == value.strip() and value.lower().endswith(PATH_SUFFIXES)):
        return Path(value)
    return None


def looks_like_path(value: str | os.PathLike) -> bool:
    """True when :func:`as_path` reads ``value`` as a path."""
    return as_path(value) is not None


@dataclass
class Skipped:
    path: str
    reason: str


def iter_paths(paths: Iterable[str | os.PathLike], skipped: list[Skipped] | None = None) -> Iterator[tuple[Path, str]]:
    """``(path, source)`` for the files named and the report files (:data:`SUFFIXES`)
    inside the folders named, sorted, each file once; ``source`` is the path as given
    (a folder's files joined to the folder as given). What a folder walk leaves out
    (other suffixes, unreadable folders, broken links) goes into ``skipped``."""
    seen: set[str] = set()
    walked: set[str] = set()
    skipped = skipped if skipped is not None else []

    def once(p: Path, source: str) -> Iterator[tuple[Path, str]]:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            yield p, source

    for given in paths:
        given_s = os.fspath(given)
        p = Path(given_s)
        if not p.is_dir():
            yield from once(p, given_s)
            continue
        if os.path.realpath(p) in walked:
            continue
        walked.add(os.path.realpath(p))
        found = []

        def onerror(err: OSError) -> None:
            skipped.append(Skipped(str(err.filename), f"unreadable folder: {err.strerror or err}"))

        for root, dirs, files in os.walk(given_s, onerror=onerror):
            dirs.sort()
            for name in files:
                full = os.path.join(root, name)
                if not os.path.exists(full):
                    skipped.append(Skipped(full, "broken link"))
                elif not name.lower().endswith(SUFFIXES):
                    skipped.append(Skipped(full, "unsupported suffix"))
                elif name.startswith("~$"):
                    skipped.append(Skipped(full, "office lock file"))
                else:
                    found.append(full)
        for full in sorted(found):
            yield from once(Path(full), full)


# -- reading -------------------------------------------------------------------------------

def read(path: str | os.PathLike) -> Document:
    """The report text of one file (see the module docstring); raises :class:`ReadError`,
    or ``FileNotFoundError`` / ``IsADirectoryError`` for a path that is not a file."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder, not a report file")
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            doc = read_docx(path)
        elif suffix == ".pdf":
            doc = read_pdf(path)
        elif suffix == ".doc":
            doc = read_doc(path)
        elif suffix in (".html", ".htm"):
            doc = read_html(path)
        else:
            doc = read_plain(path)
    except (ReadError, FileNotFoundError, IsADirectoryError):
        raise
    except PermissionError as err:
        raise ReadError("unreadable", err.strerror or "permission denied") from err
    except OSError as err:
        raise ReadError("unreadable", err.strerror or str(err)) from err
    if not doc.text.strip():
        raise ReadError("empty", "no text")
    if doc.format != "text" and doc.encoding is None:
        doc.text, legacy = repair_legacy(doc.text)
        if legacy:
            doc.encoding = legacy
            _warn(doc, path, f"text in {_ENCODING_NAMES[legacy]} fonts converted to Unicode")
    return doc


def read_text(path: str | os.PathLike) -> str:
    """Just the text of :func:`read`."""
    return read(path).text


_ENCODING_NAMES = {"utf-16": "UTF-16", "utf-32": "UTF-32", "cp1258": "Windows-1258", "cp1252": "Windows-1252",
                   "tcvn3": "TCVN3 (ABC)", "vni": "VNI", "utf-8": "UTF-8"}


def _warn(doc: Document, path: Path, message: str) -> None:
    doc.warnings.append(message)
    log.warning("%s: %s", path, message)


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def decode_bytes(data: bytes, path: Path, doc_format: str = "text") -> Document:
    """Bytes of a text file as a :class:`Document` (raises :class:`ReadError`)."""
    if not data.strip():
        raise ReadError("empty", "no text" if data else "0 bytes")
    try:
        decoded = decode(data)
    except DecodeError as err:
        raise ReadError(err.reason, err.detail) from err
    text = decoded.text
    if decoded.replacements > max_replacements(text):
        raise ReadError("unknown encoding", f"{decoded.replacements} bytes are not {_ENCODING_NAMES.get(decoded.encoding, decoded.encoding)}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = Document(text, doc_format, None)
    if decoded.converted:
        doc.encoding = decoded.encoding
        _warn(doc, path, f"decoded as {_ENCODING_NAMES.get(decoded.encoding, decoded.encoding)}")
    elif decoded.replacements:
        _warn(doc, path, f"{decoded.replacements} byte(s) that are not UTF-8 replaced by U+FFFD")
    fixed, legacy = repair_legacy(doc.text)
    if legacy:
        doc.text, doc.encoding = fixed, legacy
        _warn(doc, path, f"lines in {_ENCODING_NAMES[legacy]} converted to Unicode")
    return doc


def read_plain(path: Path) -> Document:
    return decode_bytes(_bytes(path), path)


# -- .docx ---------------------------------------------------------------------------------
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def row_text(cells: list[str]) -> str:
    """A table row in the markdown row form of the corpus: ``| a | b | |``."""
    return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"


def _clean(text: str) -> str:
    text = text.replace("\r", " ").replace("\n", " ").replace("\xa0", " ")
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _roman(n: int) -> str:
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


class _Numbering:
    """List numbers as Word renders them (``numbering.xml``: decimal, letters, roman, bullets)."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part
            return
        abstract = {}
        for an in root.iter(f"{_W}abstractNum"):
            lv = {}
            for lvl in an.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                lv[ilvl] = (fmt.get(f"{_W}val") if fmt is not None else "decimal",
                            text.get(f"{_W}val") if text is not None else "",
                            int(start.get(f"{_W}val")) if start is not None else 1)
            abstract[an.get(f"{_W}abstractNumId")] = lv
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None and ref.get(f"{_W}val") in abstract:
                lv = dict(abstract[ref.get(f"{_W}val")])
                for ov in num.iter(f"{_W}lvlOverride"):
                    st = ov.find(f"{_W}startOverride")
                    il = int(ov.get(f"{_W}ilvl", "0"))
                    if st is not None and il in lv:
                        lv[il] = (lv[il][0], lv[il][1], int(st.get(f"{_W}val")))
                self.levels[num.get(f"{_W}numId")] = lv

    @staticmethod
    def _num_pr(paragraph):
        p_pr = paragraph._p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        style = paragraph.style if num_pr is None else None
        while num_pr is None and style is not None:
            s_pr = style.element.pPr
            num_pr = s_pr.numPr if s_pr is not None else None
            style = style.base_style
        return num_pr

    def label(self, paragraph) -> str:
        if not self.levels:
            return ""
        num_pr = self._num_pr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        ilvl = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        fmt, text, start = levels[ilvl]
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return text if text in ("-", "+", "–", "•", "*") else "-"
        if fmt == "none":
            return ""

        def render(m: re.Match) -> str:
            lvl = int(m.group(1)) - 1
            n = counters.get(lvl, levels.get(lvl, ("decimal", "", 1))[2])
            f = levels.get(lvl, ("decimal",))[0] if lvl != ilvl else fmt
            if f == "lowerLetter":
                return _letters(n)
            if f == "upperLetter":
                return _letters(n).upper()
            if f == "lowerRoman":
                return _roman(n).lower()
            if f == "upperRoman":
                return _roman(n)
            if f == "decimalZero":
                return f"{n:02d}"
            return str(n)

        return re.sub(r"%(\d)", render, text)


def _docx_cell_text(cell) -> str:
    parts = []
    for block in cell.iter_inner_content():
        if hasattr(block, "rows"):
            parts.extend(" ".join(_docx_cell_text(c) for c in _unique_cells(r)) for r in block.rows)
        else:
            parts.append(block.text)
    return _clean(" ".join(p for p in parts if p.strip()))


def _unique_cells(row):
    """The cells of a row, a cell spanning several grid columns once; a cell continuing
    a vertical merge gives the merged cell's text again, so that each row stands alone."""
    out, last = [], None
    for cell in row.cells:
        if cell._tc is not last:
            out.append(cell)
        last = cell._tc
    return out


def _docx_blocks(container, numbering: _Numbering, lines: list[str]) -> None:
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):  # a table
            for row in block.rows:
                texts = [_docx_cell_text(c) for c in _unique_cells(row)]
                if any(texts):
                    lines.append(row_text(texts))
        else:
            text = _clean(block.text)
            if not text:
                continue
            label = numbering.label(block)
            lines.append(f"{label} {text}" if label else text)


def _notes(document, reltype: str, tag: str) -> list[str]:
    from lxml import etree

    out = []
    for rel in document.part.rels.values():
        if rel.reltype != reltype or rel.is_external:
            continue
        root = etree.fromstring(rel.target_part.blob)
        for note in root.iter(f"{_W}{tag}"):
            if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            for p in note.iter(f"{_W}p"):
                text = _clean("".join(t.text or "" for t in p.iter(f"{_W}t")))
                if text:
                    out.append(text)
    return out


def read_docx(path: Path) -> Document:
    import zipfile

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise ReadError("unreadable", f"not a valid .docx file: {err}") from err
    except Exception as err:  # lxml and python-docx errors on broken parts
        if isinstance(err, OSError):
            raise
        raise ReadError("unreadable", f"not a valid .docx file: {type(err).__name__}: {err}") from err
    numbering = _Numbering(document)
    lines: list[str] = []
    _docx_blocks(document, numbering, lines)
    seen: set[str] = set(lines)
    for section in document.sections:
        for part in (section.first_page_header, section.header, section.even_page_header,
                     section.first_page_footer, section.footer, section.even_page_footer):
            try:
                if part.is_linked_to_previous:
                    continue
                extra: list[str] = []
                _docx_blocks(part, numbering, extra)
            except Exception:
                continue
            for line in extra:
                if line not in seen:
                    seen.add(line)
                    lines.append(line)
    lines += _notes(document, RT.FOOTNOTES, "footnote") + _notes(document, RT.ENDNOTES, "endnote")
    return Document(unicodedata.normalize("NFC", "\n".join(lines)), "docx")


# -- .doc ----------------------------------------------------------------------------------

def read_doc(path: Path) -> Document:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:
        with tempfile.TemporaryDirectory() as tmp:
            run = subprocess.run([office, "--headless", "--convert-to", "docx", "--outdir", tmp, str(path)],
                                 capture_output=True, timeout=300)
            out = Path(tmp) / (path.stem + ".docx")
            if run.returncode == 0 and out.exists():
                doc = read_docx(out)
                doc.format = "doc"
                return doc
            if not shutil.which("antiword"):
                raise ReadError("unreadable", f"LibreOffice could not convert it: {run.stderr.decode(errors='replace')[-200:]}")
    antiword = shutil.which("antiword")
    if not antiword:
        raise ReadError("converter missing", ANTIWORD_HINT)
    run = subprocess.run([antiword, "-m", "UTF-8.txt", "-w", "0", str(path)], capture_output=True, timeout=300)
    if run.returncode != 0:
        raise ReadError("unreadable", f"antiword: {run.stderr.decode(errors='replace').strip()[-200:]}")
    lines = []
    for line in run.stdout.decode("utf-8", errors="replace").splitlines():
        line = _clean(line)
        if not line:
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            line = row_text([c.strip() for c in line[1:-1].split("|")])
        lines.append(line)
    return Document(unicodedata.normalize("NFC", "\n".join(lines)), "doc")


# -- .html ---------------------------------------------------------------------------------
_BLOCK = frozenset("""address article aside blockquote body caption center dd details dialog dir div dl dt
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main menu nav ol p pre
section summary table tbody td tfoot th thead tr ul""".split())
_INVISIBLE = frozenset("head script style noscript template svg math iframe object canvas select datalist".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.stack: list[tuple[str, bool]] = []   # (tag, hidden)
        self.hidden = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.table_depth = 0
        self.lists: list[list] = []               # [tag, counter]

    def flush(self) -> None:
        text = _clean("".join(self.buf))
        self.buf = []
        if text:
            self.lines.append(text)

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        hide = tag in _INVISIBLE or "hidden" in a or bool(_HIDDEN_STYLE.search(a.get("style") or "")) \
            or a.get("aria-hidden") == "true" and tag not in _BLOCK
        if tag not in _VOID:
            self.stack.append((tag, hide))
            self.hidden += hide
        if self.hidden:
            return
        if tag == "table":
            self.table_depth += 1
            if self.table_depth == 1:
                self.flush()
        elif self.table_depth == 1 and tag == "tr":
            self.row = []
        elif self.table_depth == 1 and tag in ("td", "th"):
            self.cell = []
        elif self.table_depth:
            if self.cell is not None:
                self.cell.append(" ")
        elif tag == "br":
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append([tag, 0])
        elif tag == "li":
            self.flush()
            if self.lists:
                self.lists[-1][1] += 1
                kind, n = self.lists[-1]
                self.buf.append(f"{n}. " if kind == "ol" else "- ")
        elif tag in _BLOCK:
            self.flush()

    def handle_endtag(self, tag) -> None:
        if tag in _VOID or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            t, hide = self.stack.pop()
            self.hidden -= hide
            if not self.hidden and not hide:
                self._close(t)
            if t == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "table":
            self.table_depth -= 1
        elif self.table_depth == 1 and tag in ("td", "th") and self.cell is not None:
            if self.row is None:
                self.row = []
            self.row.append(_clean("".join(self.cell)))
            self.cell = None
        elif self.table_depth == 1 and tag == "tr" and self.row is not None:
            if any(self.row):
                self.lines.append(row_text(self.row))
            self.row = None
        elif self.table_depth:
            pass
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag in _BLOCK:
            self.flush()

    def handle_data(self, data) -> None:
        if self.hidden:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.table_depth:
            pass
        else:
            self.buf.append(data)

    def close(self) -> None:
        super().close()
        self.flush()


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def html_text(markup: str) -> str:
    """The visible text of an HTML page, one line per block element, tables as rows."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    return unicodedata.normalize("NFC", "\n".join(parser.lines))


def read_html(path: Path) -> Document:
    import codecs

    data = _bytes(path)
    m = _META_CHARSET.search(data[:4096])
    markup = None
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            name = codecs.lookup(m.group(1).decode("ascii")).name
            markup = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            markup = None
    if markup is None:
        markup = decode_bytes(data, path, "html").text
    return Document(html_text(markup), "html")


# -- .pdf ----------------------------------------------------------------------------------

@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float      # from the top of the page, growing downwards
    bottom: float
    row: bool = False


_PAGE_NUMBER = re.compile(r"(?:-\s*)?(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?", re.I)
_LIST_START = re.compile(r"(?:[-+•–*]\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\(?[a-zđ][.)]\s|[IVXL]{1,5}[.)]\s|[A-Z]\.\s)")


def _snap(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _tables(h: list[tuple[float, float, float]], v: list[tuple[float, float, float]]):
    """Ruled tables from horizontal ``(y, x0, x1)`` and vertical ``(x, y0, y1)`` lines
    (top-down coordinates): for each, the row bands and, per band, the column edges."""
    tol = 2.0
    n_h = len(h)
    parent = list(range(n_h + len(v)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, a, b) in enumerate(h):
        for j, (x, c, d) in enumerate(v):
            if a - tol <= x <= b + tol and c - tol <= y <= d + tol:
                parent[find(i)] = find(n_h + j)
    groups: dict[int, tuple[list, list]] = {}
    for i in range(n_h + len(v)):
        g = groups.setdefault(find(i), ([], []))
        (g[0].append(h[i]) if i < n_h else g[1].append(v[i - n_h]))
    tables = []
    for hs, vs in groups.values():
        ys = _snap([y for y, _, _ in hs])
        if len(ys) < 2 or len(vs) < 2:
            continue
        bands = []
        for top, bottom in zip(ys, ys[1:]):
            mid = (top + bottom) / 2
            xs = _snap([x for x, c, d in vs if c - tol <= mid <= d + tol])
            if len(xs) >= 2:
                bands.append((top, bottom, xs))
        if bands:
            x0 = min(a for _, a, _ in hs)
            x1 = max(b for _, _, b in hs)
            tables.append(((x0, ys[0], x1, ys[-1]), bands))
    return tables


def _join(prev: str, nxt: str) -> str:
    """Two lines of one paragraph as one: a soft hyphen or a hyphen splitting an ASCII
    word is dropped; a hyphen after a Vietnamese syllable stays (``kinh tế- xã hội``)."""
    if prev.endswith("\xad"):
        return prev[:-1] + nxt
    if re.search(r"[a-z]{2}-$", prev) and re.match(r"[a-z]{2}", nxt) and prev[-6:-1].isascii():
        return prev[:-1] + nxt
    return prev + " " + nxt


def _cell_text(segs: list[tuple[float, float, float, float, str]], bounded=None) -> str:
    out = ""
    for line in _group_lines(segs, bounded):
        out = _join(out, line.text) if out else line.text
    return _clean(out)


def _group_lines(segs: list, bounded=None) -> list[_Line]:
    """Text segments ``(x0, top, x1, bottom, text)`` as lines: a segment whose middle lies
    within the first segment of a line belongs to it."""
    out: list[_Line] = []
    current: list = []
    for seg in sorted(segs, key=lambda r: ((r[1] + r[3]) / 2, r[0])):
        if current:
            cy = (seg[1] + seg[3]) / 2
            if current[0][1] <= cy <= current[0][3]:
                current.append(seg)
                continue
            out.append(_segments_line(current, bounded))
        current = [seg]
    if current:
        out.append(_segments_line(current, bounded))
    return out


def _page_lines(rects: list[tuple[float, float, float, float, str]], tables, bounded=None) -> list[_Line]:
    """Text segments ``(x0, top, x1, bottom, text)`` of a page as lines and table rows, top to bottom."""
    rows: dict[tuple[int, int], dict] = {}
    free = []
    for x0, top, x1, bottom, text in rects:
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        placed = False
        for ti, ((tx0, ty0, tx1, ty1), bands) in enumerate(tables):
            if not (tx0 - 1 <= cx <= tx1 + 1 and ty0 - 1 <= cy <= ty1 + 1):
                continue
            for bi, (btop, bbottom, xs) in enumerate(bands):
                if btop - 1 <= cy <= bbottom + 1:
                    col = max(0, min(len(xs) - 2, bisect.bisect_right(xs, cx) - 1))
                    cellmap = rows.setdefault((ti, bi), {"top": btop, "bottom": bbottom, "cells": {}, "n": len(xs) - 1})
                    cellmap["cells"].setdefault(col, []).append((x0, top, x1, bottom, text))
                    placed = True
                    break
            if placed:
                break
        if not placed:
            free.append((x0, top, x1, bottom, text))
    out: list[_Line] = []
    for (ti, bi), r in rows.items():
        texts = [_cell_text(r["cells"].get(c, []), bounded) for c in range(r["n"])]
        if any(texts):
            (tx0, _, tx1, _), _ = tables[ti]
            out.append(_Line(row_text(texts), tx0, tx1, r["top"], r["bottom"], row=True))
    out += _group_lines(free, bounded)
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return out


def _segments_line(segs: list, bounded=None) -> _Line:
    """One line of segments; ``bounded(x0, top, x1, bottom)``, when given, reads the text
    inside the line's box from the PDF (with the spaces the PDF has between segments)."""
    segs = sorted(segs)
    if bounded is not None and len(segs) > 1:
        x0, x1 = segs[0][0], max(s[2] for s in segs)
        top, bottom = min(s[1] for s in segs), max(s[3] for s in segs)
        return _Line(_clean(unicodedata.normalize("NFC", bounded(x0, top, x1, bottom))), x0, x1, top, bottom)
    text = ""
    for i, (x0, _, x1, _, t) in enumerate(segs):
        gap = x0 - segs[i - 1][2] if i else 0.0
        if i and gap > 0.2 * (segs[i - 1][3] - segs[i - 1][1]) and not text.endswith(" ") and not t.startswith(" "):
            text += " "
        text += t
    return _Line(_clean(text), segs[0][0], max(s[2] for s in segs), min(s[1] for s in segs),
                 max(s[3] for s in segs))


def _paragraphs(pages: list[tuple[float, list[_Line]]]) -> tuple[list[str], list[int]]:
    """Lines of the pages as paragraphs: a line joins the one before it unless that one
    ends short of the right margin, a list marker or a wider gap starts it, or either is
    a table row. Page numbers at the top or bottom of a page are dropped."""
    out: list[str] = []
    out_pages: list[int] = []
    prev: _Line | None = None
    prev_right = 0.0
    for pno, (height, lines) in enumerate(pages, start=1):
        lines = [ln for ln in lines if ln.text and not (
            _PAGE_NUMBER.fullmatch(ln.text) and (ln.top > 0.9 * height or ln.bottom < 0.1 * height))]
        text_lines = [ln for ln in lines if not ln.row]
        if not lines:
            continue
        right = max((ln.x1 for ln in text_lines), default=0.0)
        left = min((ln.x0 for ln in text_lines), default=0.0)
        width = max(1.0, right - left)
        pitches = sorted(b.top - a.top for a, b in zip(text_lines, text_lines[1:]) if 0 < b.top - a.top < 40)
        pitch = pitches[len(pitches) // 4] if pitches else 12.0
        for i, ln in enumerate(lines):
            new = True
            if prev is not None and not ln.row and not prev.row and not _LIST_START.match(ln.text):
                short = prev.x1 < prev_right - 0.12 * width
                if i == 0:  # first line of a page, continuing the last one of the page before
                    new = short or not ln.text[:1].islower()
                else:
                    gap = ln.top - prev.top
                    new = short or gap > 1.25 * pitch or gap < 0 or ln.x0 > left + 0.12 * width
            if new:
                out.append(ln.text)
                out_pages.append(pno)
            else:
                out[-1] = _join(out[-1], ln.text)
            prev, prev_right = ln, right
    return out, out_pages


def _pdfium_pages(path: Path) -> list[tuple[float, list[_Line]]]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        raise _PdfiumFailed(str(err)) from err
    pages = []
    chars = 0
    try:
        for page in pdf:
            width, height = page.get_size()
            tp = page.get_textpage()
            chars += tp.count_chars()
            rects = []
            for k in range(tp.count_rects()):
                left, bottom, right, top = tp.get_rect(k)
                text = tp.get_text_bounded(left, bottom, right, top)
                if text.strip():
                    rects.append((left, height - top, right, height - bottom, unicodedata.normalize("NFC", text)))
            h, v = [], []
            for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3):
                left, bottom, right, top = obj.get_bounds()
                w, ht = right - left, top - bottom
                y0, y1 = height - top, height - bottom
                if ht <= 2.5 and w > 5:
                    h.append(((y0 + y1) / 2, left, right))
                elif w <= 2.5 and ht > 5:
                    v.append(((left + right) / 2, y0, y1))
                elif w > 5 and ht > 5 and len(rects) and (w < 0.95 * width or ht < 0.95 * height):
                    h += [(y0, left, right), (y1, left, right)]
                    v += [(left, y0, y1), (right, y0, y1)]
            def bounded(x0, top, x1, bottom, tp=tp, height=height):
                return tp.get_text_bounded(x0 - 0.5, height - bottom - 0.5, x1 + 0.5, height - top + 0.5)

            pages.append((height, _page_lines(rects, _tables(h, v), bounded)))
            tp.close()
            page.close()
    finally:
        pdf.close()
    if chars == 0:
        raise ReadError("no text layer", f"{len(pages)} page(s) without text: a scan? run OCR on it first")
    return pages


class _PdfiumFailed(Exception):
    pass


def _pdfplumber_pages(path: Path) -> list[tuple[float, list[_Line]]]:
    import pdfplumber

    pages = []
    chars = 0
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as err:
        raise ReadError("unreadable", f"not a valid PDF: {type(err).__name__}: {err}") from err
    with pdf:
        for page in pdf.pages:
            chars += len(page.chars)
            tables = page.find_tables()
            lines: list[_Line] = []
            for t in tables:
                for row, cells in zip(t.rows, t.extract()):
                    texts = [_clean(c or "") for c in cells if c is not None]
                    if any(texts):
                        lines.append(_Line(row_text(texts), row.bbox[0], row.bbox[2], row.bbox[1],
                                           row.bbox[3], row=True))
            boxes = [t.bbox for t in tables]

            def outside(obj, boxes=boxes) -> bool:
                return not any(b[0] <= obj.get("x0", 0) <= b[2] and b[1] <= obj.get("top", 0) <= b[3] for b in boxes)

            for tl in page.filter(outside).extract_text_lines():
                lines.append(_Line(_clean(unicodedata.normalize("NFC", tl["text"])), tl["x0"], tl["x1"], tl["top"],
                                   tl["bottom"]))
            lines.sort(key=lambda ln: (ln.top, ln.x0))
            pages.append((float(page.height), lines))
    if chars == 0:
        raise ReadError("no text layer", f"{len(pages)} page(s) without text: a scan? run OCR on it first")
    return pages


def read_pdf(path: Path, engine: str = "pdfium") -> Document:
    """A PDF's text layer; ``engine="pdfplumber"`` reads it with pdfplumber alone."""
    if engine == "pdfplumber":
        pages = _pdfplumber_pages(path)
    else:
        try:
            pages = _pdfium_pages(path)
        except _PdfiumFailed as err:
            if "password" in str(err).lower():
                raise ReadError("unreadable", "the PDF is encrypted") from None
            pages = _pdfplumber_pages(path)
    lines, line_pages = _paragraphs(pages)
    if not lines:
        raise ReadError("empty", "no text on any page")
    return Document("\n".join(lines), "pdf", None, line_pages)
