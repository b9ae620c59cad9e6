"""Reading report files: every format and encoding gives the records of the UTF-8 text."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

import vn_dolisa_nlp
from vn_dolisa_nlp import encodings as enc
from vn_dolisa_nlp.reading import ANTIWORD_HINT, ReadError, as_path, html_text, read, read_pdf

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
import make_fixtures  # noqa: E402

FORMATS = ["report.docx", "report.pdf", "report.html", "report-utf16.txt", "report-cp1258.txt",
           "report-tcvn3.txt", "report-vni.txt"]


@pytest.fixture(scope="session")
def fixtures(tmp_path_factory) -> dict[str, Path]:
    return make_fixtures.build(tmp_path_factory.mktemp("formats"))


def key_rows(records) -> Counter:
    return Counter((r["indicator"], r["value"], r["unit"], r["kind"]) for r in records)


def identical_share(got: Counter, ref: Counter) -> float:
    return sum((got & ref).values()) / max(sum(got.values()), sum(ref.values()), 1)


@pytest.fixture(scope="session")
def reference(fixtures, model) -> Counter:
    return key_rows(model(read(fixtures["report.txt"]).text)._.records)


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_gives_the_records_of_the_text(name, fixtures, model, reference):
    doc = read(fixtures[name])
    got = key_rows(model(doc.text)._.records)
    assert sum(reference.values()) > 30
    # differences allowed: TCVN3 has no code for a capital with a tone (Ủy is written ủy)
    assert identical_share(got, reference) >= 0.98, (got - reference, reference - got)


def test_lines_of_every_format(fixtures):
    ref = read(fixtures["report.txt"]).text.splitlines()
    for name in ("report.docx", "report.pdf", "report.html", "report-utf16.txt", "report-cp1258.txt", "report-vni.txt"):
        lines = read(fixtures[name]).text.splitlines()
        assert set(ref) <= set(lines), (name, set(ref) - set(lines))
    docx_lines = read(fixtures["report.docx"]).text.splitlines()
    assert docx_lines[-1] == make_fixtures.HEADER  # the header after the body
    assert any(line.startswith("| 1 | Tỷ lệ lực lượng lao động") and line.endswith("| % | 31,2 |") for line in docx_lines)


def test_encodings_named(fixtures):
    assert read(fixtures["report.txt"]).encoding is None
    for name, found in (("report-utf16.txt", "utf-16"), ("report-cp1258.txt", "cp1258"),
                        ("report-tcvn3.txt", "tcvn3"), ("report-vni.txt", "vni")):
        doc = read(fixtures[name])
        assert doc.encoding == found and doc.warnings, name


def test_conversion_logs_a_warning(fixtures, caplog):
    with caplog.at_level("WARNING", logger="vn_dolisa_nlp"):
        read(fixtures["report-vni.txt"])
    assert "VNI" in caplog.text


# -- the tables of the legacy encodings, letter by letter ------------------------------------

LOWER = [c for c in enc.VIETNAMESE_LETTERS if c.islower()]
BARE_CAPITALS = list("ĂÂÊÔƠƯĐ")


def test_146_letters():
    assert len(enc.VIETNAMESE_LETTERS) == 146 and len(set(enc.VIETNAMESE_LETTERS)) == 146


@pytest.mark.parametrize("letter", enc.VIETNAMESE_LETTERS)
def test_vni_every_letter(letter):
    coded = enc.encode_vni(letter)
    assert enc.decode_vni(coded) == letter
    assert enc.decode_vni(b"x" + coded + b"x") == "x" + letter + "x"


@pytest.mark.parametrize("letter", enc.VIETNAMESE_LETTERS)
def test_tcvn3_every_letter(letter):
    coded = enc.encode_tcvn3(letter)
    assert len(coded) == 1
    if letter in enc._TCVN3_ENCODE or letter.isascii():  # lower case, bare capitals, the VN1 capitals of 0xA0-0xFF
        assert enc.decode_tcvn3(coded) == letter
    else:  # a toned capital: the lower-case code, upper case again inside a capitals word
        assert enc.decode_tcvn3(coded) == letter.lower()
        assert enc.decode_tcvn3(b"XX" + coded + b"XX") == "XX" + letter + "XX"


def test_published_samples():
    # TCVN3 samples as printed by converters' documentation; VNI from the VNI chart
    assert enc.decode_tcvn3("B¶o Th¾ng".encode("latin-1")) == "Bảo Thắng"
    assert enc.decode_tcvn3("M\xadêng Kh\xad¬ng".encode("latin-1")) == "Mường Khương"
    assert enc.decode_tcvn3("Ninh B×nh".encode("latin-1")) == "Ninh Bình"
    assert enc.decode_vni("Xin chaøo caùc baïn".encode("cp1252")) == "Xin chào các bạn"
    assert enc.decode_vni("Vieät Nam, ngöôøi lao ñoäng".encode("cp1252")) == "Việt Nam, người lao động"


@pytest.mark.skipif(not shutil.which("iconv"), reason="no iconv")
def test_tcvn3_table_is_glibcs():
    data = bytes(range(0xA1, 0x100))
    run = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True)
    if run.returncode:
        pytest.skip("iconv has no TCVN5712-1")
    ours = unicodedata.normalize("NFC", data.decode("latin-1").translate(enc._TCVN3_DECODE))
    assert unicodedata.normalize("NFC", run.stdout.decode("utf-8")) == ours


TEXT = "Toàn tỉnh giải quyết việc làm mới cho 11.309 lao động, đạt 124,27% kế hoạch.\nSố hộ nghèo giảm 5.784 hộ.\n"


@pytest.mark.parametrize("data,found", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-be"), "utf-16"),
    (enc.encode_cp1258(TEXT), "cp1258"),
    (enc.encode_tcvn3(TEXT), "tcvn3"),
    (enc.encode_vni(TEXT), "vni"),
])
def test_detection(data, found):
    decoded = enc.decode(data)
    assert decoded.encoding == found and decoded.text == TEXT


def test_cp1252():
    text = "Le rapport annuel: très bien, déjà 12 élèves à Noël, «Ça va».\n" * 3
    assert enc.decode(text.encode("cp1252")).encoding == "cp1252"
    assert enc.decode(text.encode("cp1252")).text == text


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 40,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    bytes([7, 8, 14, 15, 16, 24, 25, 27] * 100),
])
def test_binary_is_not_text(tmp_path, data):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.reason == "not text"


def test_random_bytes_are_not_text(tmp_path):
    import random

    rng = random.Random(1)
    path = tmp_path / "random.txt"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(20_000)))
    with pytest.raises(ReadError, match="not text"):
        read(path)


def test_few_bad_bytes_pass_many_fail(tmp_path):
    few = tmp_path / "few.txt"
    few.write_bytes(TEXT.encode("utf-8") * 5 + b"\xff\xfe")
    doc = read(few)
    assert doc.text.count("\ufffd") == 2 and doc.warnings
    many = tmp_path / "many.txt"
    many.write_bytes(b"\xff".join([TEXT.encode("utf-8")] * 30))
    with pytest.raises(ReadError) as err:
        read(many)
    assert err.value.reason == "unknown encoding" and "bytes" in err.value.detail


def test_empty(tmp_path):
    for data in (b"", b"  \n\n"):
        path = tmp_path / "e.txt"
        path.write_bytes(data)
        with pytest.raises(ReadError, match="empty"):
            read(path)


def test_legacy_font_text_inside_unicode(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph(enc.encode_tcvn3("Giải quyết việc làm cho 11.309 lao động.").decode("latin-1"))
    d.add_paragraph("Số hộ nghèo giảm 5.784 hộ.")
    d.add_paragraph(enc.encode_vni("Đào tạo nghề cho 9.137 người.").decode("cp1252"))
    path = tmp_path / "legacy.docx"
    d.save(path)
    doc = read(path)
    assert doc.text.splitlines() == ["Giải quyết việc làm cho 11.309 lao động.", "Số hộ nghèo giảm 5.784 hộ.",
                                     "Đào tạo nghề cho 9.137 người."]
    assert doc.warnings


# -- .docx -------------------------------------------------------------------------------------

def test_docx_merged_cells_numbers_and_notes(tmp_path):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = docx.Document()
    d.add_paragraph("Lao động - việc làm", style="List Number")
    d.add_paragraph("Giảm nghèo", style="List Number")
    d.add_paragraph("Trẻ em", style="List Bullet")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "Chỉ tiêu năm 2023"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "Việc làm"
    t.cell(1, 1).text, t.cell(1, 2).text = "Trong nước", "10.920 người"
    t.cell(2, 1).text, t.cell(2, 2).text = "Nước ngoài", "12.205 người"
    d.sections[0].footer.paragraphs[0].text = "Trang cuối"
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>---</w:t></w:r></w:p>'
           f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Số liệu đến 30/11/2023.</w:t></w:r></w:p></w:footnote>'
           f'</w:footnotes>').encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml, d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    path = tmp_path / "t.docx"
    d.save(path)
    lines = read(path).text.splitlines()
    assert lines[:3] == ["1. Lao động - việc làm", "2. Giảm nghèo", "- Trẻ em"]
    assert lines[3:6] == ["| Chỉ tiêu năm 2023 |", "| Việc làm | Trong nước | 10.920 người |",
                          "| Việc làm | Nước ngoài | 12.205 người |"]
    assert lines[6:] == ["Trang cuối", "Số liệu đến 30/11/2023."]


def test_broken_docx(tmp_path):
    path = tmp_path / "b.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError, match="unreadable"):
        read(path)


# -- .pdf --------------------------------------------------------------------------------------

def test_pdf_pages_and_paragraphs(fixtures):
    doc = read(fixtures["report.pdf"])
    assert doc.format == "pdf" and set(doc.line_pages) == {1, 2}
    lines = doc.text.splitlines()
    ref = read(fixtures["report.txt"]).text.splitlines()
    assert lines == ref  # paragraphs re-joined, page numbers dropped, the table as rows
    assert doc.line_pages[lines.index("I. MỤC TIÊU, CHỈ TIÊU")] == 2
    assert read_pdf(fixtures["report.pdf"], engine="pdfplumber").text == doc.text


def test_pdf_records_carry_their_page(fixtures):
    records = vn_dolisa_nlp.extract(fixtures["report.pdf"])
    assert {r["page"] for r in records} == {1, 2}
    text = read(fixtures["report.pdf"]).text
    second = text.index("I. MỤC TIÊU, CHỈ TIÊU")
    assert all(r["page"] == (1 if r["quantity_start"] < second else 2) for r in records)
    assert all(r["page"] is None for r in vn_dolisa_nlp.extract(fixtures["report.txt"]))


def test_scan_has_no_text_layer(fixtures):
    with pytest.raises(ReadError) as err:
        read(fixtures["scan.pdf"])
    assert err.value.reason == "no text layer"


def test_broken_pdf(tmp_path):
    path = tmp_path / "b.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(ReadError, match="unreadable"):
        read(path)


# -- .html, .doc -------------------------------------------------------------------------------

def test_html_visible_blocks_and_tables():
    markup = ("<html><head><title>T</title><style>p{}</style></head><body><script>var x = 1;</script>"
              "<h1>Báo cáo</h1><p>Giải quyết việc làm cho <b>11.309</b>\nlao động.</p><div hidden>999 người</div>"
              "<p style='display: none'>888</p><ul><li>Một</li><li>Hai</li></ul><ol><li>Ba</li></ol>"
              "<table><tr><th>TT</th><th>Chỉ tiêu</th></tr><tr><td>1</td><td>Hộ <i>nghèo</i></td><td></td></tr></table>"
              "<p>Cuối &amp; hết</p></body></html>")
    assert html_text(markup).splitlines() == [
        "Báo cáo", "Giải quyết việc làm cho 11.309 lao động.", "- Một", "- Hai", "1. Ba",
        "| TT | Chỉ tiêu |", "| 1 | Hộ nghèo | |", "Cuối & hết"]


def test_doc_without_converter(tmp_path, monkeypatch):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.reason == "converter missing" and "apt-get install antiword" in err.value.detail
    assert "apt-get install antiword" in ANTIWORD_HINT


# -- extract(): paths and text (SPEC section 5) -------------------------------------------------

def test_path_rules(tmp_path, fixtures):
    assert as_path("reports/2023/bao_cao_12.txt") == Path("reports/2023/bao_cao_12.txt")
    assert as_path("/etc/passwd") is None and as_path(" a.txt") is None and as_path("a.txt\nb") is None
    with pytest.raises(FileNotFoundError):
        vn_dolisa_nlp.extract("reports/2023/bao_cao_12.txt")
    with pytest.raises(FileNotFoundError):
        vn_dolisa_nlp.extract(tmp_path / "missing")
    with pytest.raises(IsADirectoryError):
        vn_dolisa_nlp.extract(str(tmp_path))
    with pytest.raises(IsADirectoryError):
        vn_dolisa_nlp.extract(tmp_path)
    assert vn_dolisa_nlp.extract("/etc/passwd") == []  # text, never the file
    rows = vn_dolisa_nlp.extract(str(fixtures["report.docx"]))
    assert rows and all("page" in r for r in rows)


def test_dataframe_source(fixtures):
    rows = [{**r, "source": "a.pdf"} for r in vn_dolisa_nlp.extract(fixtures["report.pdf"])]
    frame = vn_dolisa_nlp.to_dataframe(rows)
    assert frame.columns[0] == "source" and {"indicator", "value", "page"} <= set(frame.columns)
    assert set(frame["source"]) == {"a.pdf"}
