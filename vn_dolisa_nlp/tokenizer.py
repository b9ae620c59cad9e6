"""The spaCy tokenizer: Vietnamese words, with numbers, dates and codes kept whole.

Text is first cut into pieces by one regular expression (syllables, numbers,
codes, abbreviations, punctuation...); then :class:`~vn_dolisa_nlp.segmenter.Segmenter`
joins neighbouring syllables into words. Every token is a slice of the input,
so ``doc.text`` is the input and offsets are exact.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

import srsly
from spacy.attrs import IS_ALPHA, IS_LOWER, IS_TITLE, IS_UPPER, LOWER, NORM, PREFIX, SHAPE, SUFFIX
from spacy.lang.lex_attrs import word_shape
from spacy.tokens import Doc
from spacy.util import ensure_path, registry
from spacy.vocab import Vocab

from .lexicon import domain_words
from .normalize import needs_normalization, normalize_text
from .segmenter import Segmenter
from .sentences import sentence_starts
from .vocabulary import LINE_BREAK, has_line_break

_SUP = "\u00b2\u00b3\u00b9\u2070-\u2079"          # superscript digits: footnote marks
_LETTER = rf"[^\W\d_{_SUP}]|[\u0300-\u036f]"        # letters and combining marks (NFD)
_UP = "0-9A-ZĐƯƠĂÂÊÔ"                              # what a code segment starts with
_SEG = rf"[{_UP}][{_UP}a-z]*"

PIECE = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"]*[^\s<>".,;:!?)\]}}])
  | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<tag></?[A-Za-z][^<>\n\r]{{0,100}}?>|&\#?\w{{1,8}};)
  | (?P<list>(?<![^\n\r])(?:[IVXL]{{1,5}}|\d{{1,2}})(?:\.\d{{1,2}}){{0,3}}\.(?=[ \t]))
  | (?P<code>(?:(?<=[\s:(])/)?{_SEG}(?:[/-]{_SEG})+(?!\w|[.,]\d))
  | (?P<number>\d+(?:[.,]\d+)*)
  | (?P<abbr>(?:TP|Tp|TX|Tx|ThS|Ths|TS|PGS|GS|BS|KS)\.(?=[ ]?[^\W\d_])|v\.v\.?)
  | (?P<foot>[{_SUP}]+)
  | (?P<word>(?:{_LETTER})(?:{_LETTER}|\d)*)
  | (?P<dots>\.{{2,}}|…)
  | (?P<other>\S)
    """,
    re.VERBOSE,
)

# Pieces after which no CRF context is carried: chunks keep the CRF input short.
_CHUNK_END = {".", "!", "?", ";", "…"}
_MAX_CHUNK = 400
LEXICON_FILE = "lexicon.txt"
_SURROGATE = re.compile("[\ud800-\udfff]")  # no str with these can be stored, written or encoded


# Numbers joined by "/" or "-" are pairs (SPEC v2: ``203.027/160.000``, ``17/17``, ``2-3``): each
# number a piece, except the dates and year ranges that stay one token.
_NUMBER_PAIR = re.compile(r"[0-9]+(?:[.,][0-9]+)*(?:/[0-9]+(?:[.,][0-9]+)*)+|[0-9]+-[0-9]+")
_WHOLE_DATE = re.compile(r"[0-9]{1,2}/(?:19|20)[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|(?:19|20)[0-9]{2}-(?:19|20)[0-9]{2}")
_PAIR_PART = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[/-]")


def pieces(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, kind)`` for every non-space piece of ``text``."""
    for m in PIECE.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "code" and _NUMBER_PAIR.fullmatch(m.group()) and not _WHOLE_DATE.fullmatch(m.group()):
            for part in _PAIR_PART.finditer(m.group()):
                yield m.start() + part.start(), m.start() + part.end(), "number" if part.group()[0].isdigit() else "other"
        else:
            yield m.start(), m.end(), kind


def lexical_form(orth: str) -> str:
    """The form lexical attributes are read from: NFC with modern tones, and every line
    break written as ``\\n`` (so CR-only or CRLF text looks like LF text to the model)."""
    if orth.isspace():
        return LINE_BREAK.sub("\n", orth.replace("\r\n", "\n"))
    return normalize_text(orth)


def _get_normalized(orth: str, getter: Callable[[str], object]) -> object:
    return getter(lexical_form(orth))


def _prefix(text: str) -> str:
    return text[:1]


def _suffix(text: str) -> str:
    return text[-3:]


def _normalized(getter: Callable[[str], object]) -> Callable[[str], object]:
    return partial(_get_normalized, getter=getter)


# Lexical attributes read on the normalised form, so that NFD or old tone placement
# gives the model and the rules the same features as NFC text.
NORMALIZED_LEX_ATTRS = {
    NORM: _normalized(str.lower), LOWER: _normalized(str.lower), PREFIX: _normalized(_prefix),
    SUFFIX: _normalized(_suffix), SHAPE: _normalized(word_shape), IS_ALPHA: _normalized(str.isalpha),
    IS_LOWER: _normalized(str.islower), IS_UPPER: _normalized(str.isupper), IS_TITLE: _normalized(str.istitle),
}


class WordTokenizer:
    """Segment Vietnamese text into words; a spaCy tokenizer."""

    def __init__(self, vocab: Vocab, words: Iterable[str] = (), use_lexicon: bool = True,
                 lexicon: Iterable[str] | None = None) -> None:
        """``lexicon``: the domain words to keep whole (default: the shipped ``lexicon.txt`` and
        place names); it is saved with the pipeline, so a trained model keeps the words it was
        trained with."""
        self.vocab = vocab
        vocab.lex_attr_getters = {**vocab.lex_attr_getters, **NORMALIZED_LEX_ATTRS}
        self.use_lexicon = use_lexicon
        self.lexicon = tuple(lexicon) if lexicon is not None else (domain_words() if use_lexicon else ())
        self.user_words: list[str] = []
        self.segmenter = Segmenter(self.lexicon)
        self.add_words(words)

    def __reduce__(self):
        return type(self), (self.vocab, list(self.user_words), self.use_lexicon, self.lexicon)

    def add_words(self, words: Iterable[str]) -> None:
        """Always keep each of ``words`` (e.g. ``"Mường Ảng"``) as one token."""
        words = [w for w in words if w not in self.user_words]
        self.user_words.extend(words)
        self.segmenter.add_words(words)

    def __call__(self, text: str) -> Doc:
        if not isinstance(text, str):
            raise TypeError(f"vn_dolisa_nlp expects text as str, got {type(text).__name__}")
        bad = _SURROGATE.search(text)
        if bad:
            raise ValueError(f"broken Unicode: an unpaired surrogate (U+{ord(bad.group()):04X}) at character "
                             f"{bad.start()}; decode the source with errors='replace' first")
        normalize = needs_normalization(text)
        spans = self._word_spans(text, normalize)
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[tuple[int, str]] = []

        def add_gap(gap: str) -> None:
            # one plain space after a word is its trailing whitespace; the rest is a token
            if gap[:1] == " " and words:
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)

        prev_end = 0
        for start, end in spans:
            add_gap(text[prev_end:start])
            word = text[start:end]
            if normalize:
                norm = normalize_text(word)
                if norm != word:
                    norms.append((len(words), norm.lower()))
            words.append(word)
            spaces.append(False)
            prev_end = end
        add_gap(text[prev_end:])
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sentence_starts(words))
        for i, norm in norms:
            doc[i].norm_ = norm
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def _word_spans(self, text: str, normalize: bool) -> list[tuple[int, int]]:
        """Character spans of the words of ``text``."""
        spans: list[tuple[int, int]] = []
        chunk: list[tuple[int, int]] = []
        norms: list[str] = []
        joinable: list[bool] = []
        prev_end, prev_syllable = 0, False
        for start, end, kind in pieces(text):
            piece = text[start:end]
            norm = normalize_text(piece) if normalize and kind == "word" else piece
            syllable = kind == "word" and self.segmenter.is_syllable(norm)
            gap = text[prev_end:start]
            if chunk and (has_line_break(gap) or len(chunk) >= _MAX_CHUNK):
                self._flush(chunk, norms, joinable, spans)
            joinable.append(syllable and prev_syllable and bool(chunk) and gap.strip(" ") == "" and gap != "")
            chunk.append((start, end))
            norms.append(norm)
            if piece in _CHUNK_END:
                self._flush(chunk, norms, joinable, spans)
            prev_end, prev_syllable = end, syllable
        self._flush(chunk, norms, joinable, spans)
        return spans

    def _flush(self, chunk: list, norms: list, joinable: list, spans: list) -> None:
        if not chunk:
            return
        if any(joinable):
            starts = self.segmenter.starts(norms, joinable)
        else:
            starts = [True] * len(chunk)
        for (start, end), is_start in zip(chunk, starts):
            if is_start:
                spans.append((start, end))
            else:
                spans[-1] = (spans[-1][0], end)
        chunk.clear()
        norms.clear()
        joinable.clear()

    # serialisation: the lexicon and the user's words travel with the pipeline
    def _state(self) -> dict:
        return {"words": self.user_words, "use_lexicon": self.use_lexicon, "lexicon": list(self.lexicon)}

    def _restore(self, state: dict) -> "WordTokenizer":
        self.use_lexicon = state.get("use_lexicon", self.use_lexicon)
        if "lexicon" in state:
            self.lexicon = tuple(state["lexicon"])
        self.user_words = []
        self.segmenter = Segmenter(self.lexicon)
        self.add_words(state.get("words", []))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self._state())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "WordTokenizer":
        return self._restore(srsly.msgpack_loads(data))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        state = self._state()
        (path / LEXICON_FILE).write_text("\n".join(state.pop("lexicon")) + "\n", encoding="utf-8")
        srsly.write_json(path / "cfg.json", state)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "WordTokenizer":
        path = ensure_path(path)
        state = srsly.read_json(path / "cfg.json")
        if (path / LEXICON_FILE).exists():
            lines = (path / LEXICON_FILE).read_text(encoding="utf-8").splitlines()
            state["lexicon"] = [w for w in lines if w.strip()]
        return self._restore(state)


@registry.tokenizers("vn_dolisa.WordTokenizer.v1")
def create_tokenizer(words: list[str] = [], use_lexicon: bool = True) -> Callable[..., WordTokenizer]:  # noqa: B006
    """Config entry: ``[nlp.tokenizer] @tokenizers = "vn_dolisa.WordTokenizer.v1"``."""

    def make(nlp) -> WordTokenizer:
        return WordTokenizer(nlp.vocab, words=words, use_lexicon=use_lexicon)

    return make
