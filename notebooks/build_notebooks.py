"""Write the notebooks (without outputs) from the cells below.

    python notebooks/build_notebooks.py
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

QUICKSTART = [
    new_markdown_cell("# vn_dolisa_nlp: quick start\n\nFrom a Vietnamese DOLISA report to rows of data. "
                      "Install with the README's first command; nothing here needs the network."),
    new_code_cell("import spacy\nimport vn_dolisa_nlp\n\nprint('vn_dolisa_nlp', vn_dolisa_nlp.__version__, '| spaCy', spacy.__version__)\n"
                  "nlp = vn_dolisa_nlp.load()          # the installed model vi_dolisa_sm\nprint(nlp.pipe_names)"),
    new_markdown_cell("## One paragraph\n\nA paragraph of the Điện Biên 2023 report, with the seven entity labels in "
                      "the library's colours (`vn_dolisa_nlp.render`)."),
    new_code_cell("from pathlib import Path\n\nREPORT = Path('../corpus/raw/000_d2ab505638247179.txt')\n"
                  "paragraph = next(line for line in REPORT.read_text(encoding='utf-8').splitlines() if '11.309' in line)\n"
                  "doc = nlp(paragraph)\nvn_dolisa_nlp.render(doc, jupyter=True)"),
    new_markdown_cell("## Its records\n\nOne row per number: the indicator it measures, its value (times the unit's "
                      "scale), unit, kind, period and place."),
    new_code_cell("import pandas as pd\npd.set_option('display.max_colwidth', 40)\n"
                  "vn_dolisa_nlp.to_dataframe(doc)[['indicator', 'indicator_text', 'quantity_text', 'value', 'unit', 'kind', 'direction']]"),
    new_markdown_cell("## Span attributes"),
    new_code_cell("doc = nlp('Theo Nghị quyết số 08/2023/NQ-HĐND ngày 14/7/2023, huyện Điện Biên Đông chi 20.914.369 triệu đồng trong năm 2023.')\n"
                  "rows = []\nfor e in doc.ents:\n    attrs = {a: getattr(e._, a) for a in ('value', 'unit', 'multiplier', 'doc_type', 'doc_number', "
                  "'issuer_code', 'year', 'issued', 'period', 'admin_level', 'canonical') if getattr(e._, a) is not None}\n"
                  "    rows.append({'text': e.text, 'label': e.label_, **attrs})\npd.DataFrame(rows)"),
    new_markdown_cell("## A whole report\n\nRun on a whole report, records inherit the period and place of the report's heading."),
    new_code_cell("dienbien = vn_dolisa_nlp.to_dataframe(vn_dolisa_nlp.extract(REPORT))\nprint(len(dienbien), 'records')\n"
                  "jobs = dienbien[dienbien.indicator == 'jobs_created'][['indicator', 'quantity_text', 'value', 'unit', 'kind', 'period', 'place']]\n"
                  "print(jobs.to_string())"),
]

COMPARE = [
    new_markdown_cell("# Comparing the sample reports\n\nAll four sample reports extracted into one tidy table, "
                      "core indicators pivoted by province and period, and a few plotted."),
    new_code_cell("from pathlib import Path\nimport pandas as pd\nimport matplotlib\nmatplotlib.use('Agg')\n"
                  "import matplotlib.pyplot as plt\nimport vn_dolisa_nlp\n\n"
                  "reports = sorted(Path('../corpus/raw').glob('*.txt'))\nframes = []\nfor path in reports:\n"
                  "    frame = vn_dolisa_nlp.to_dataframe(vn_dolisa_nlp.extract(path))\n    frame.insert(0, 'source', path.name)\n"
                  "    frames.append(frame)\ndata = pd.concat(frames, ignore_index=True)\ndata.groupby('source').size()"),
    new_markdown_cell("## Core indicators by province and period\n\nOnly measured values (`kind == 'value'`) with a core "
                      "indicator id; the province is the report's (records whose place is a district or a country are left out); "
                      "the period is the report's year, the year most of its records carry (a sentence may cite an older date, "
                      "such as a commemorated 27/7/1947, which is not the period of the figure)."),
    new_code_cell("report_year = data.assign(year=data.period.fillna('').str[:4]).groupby('source').year.agg(lambda y: y[y != ''].mode()[0])\n"
                  "core = data[(data.kind == 'value') & data.indicator.notna() & data.place.fillna('').str.startswith('Tỉnh')]\n"
                  "core = core.assign(year=core.source.map(report_year))\n"
                  "pivot = core.pivot_table(index='indicator', columns=['place', 'year'], values='value', aggfunc='first')\npivot"),
    new_markdown_cell("## Plots"),
    new_code_cell("fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))\n"
                  "for ax, (indicator, unit) in zip(axes, [('jobs_created', 'person'), ('poverty_rate', 'percent')]):\n"
                  "    rows = core[(core.indicator == indicator) & (core.unit == unit)].groupby('place').value.first()\n"
                  "    rows.plot.bar(ax=ax, color='#4d908e')\n    ax.set_title(f'{indicator} ({unit})')\n"
                  "    ax.set_xlabel('')\n    ax.tick_params(axis='x', rotation=20)\nfig.tight_layout()\n"
                  "fig.savefig('compare_reports.png', dpi=80)\nprint(core[core.indicator.isin(['jobs_created', 'poverty_rate'])]"
                  ".groupby(['indicator', 'place']).value.first())"),
    new_markdown_cell("## Caveats\n\n- Four reports, four provinces, three years (2021, 2023): a comparison of sources, "
                      "not a panel.\n- Numbers are machine-extracted: the first value found per province is shown; check the "
                      "`sentence` column before citing one (link F1 on the dev report is in the README).\n- Reports estimate "
                      "year-end figures (\"Ước thực hiện\") and differ in what they cover (a summary report lists fewer indicators).\n"
                      "- Thừa Thiên Huế became Huế city in 2025 and Đắk Nông merged into Lâm Đồng; places keep the names of the report's time."),
]

EXTEND = [
    new_markdown_cell("# Extending the library\n\nA word for the segmenter, an indicator for the taxonomy, an entity "
                      "pattern, and an evaluation on your own annotated paragraphs."),
    new_code_cell("import json, tempfile\nfrom pathlib import Path\nimport vn_dolisa_nlp\n\nnlp = vn_dolisa_nlp.load()\n"
                  "text = 'Số hộ cận nghèo giảm còn 1.234 hộ.'\nprint([t.text for t in nlp(text)])"),
    new_markdown_cell("## 1. A word for the segmenter\n\n`add_words` keeps a phrase as one token; it is saved with the pipeline."),
    new_code_cell("nlp.tokenizer.add_words(['hộ cận nghèo'])\nprint([t.text for t in nlp(text)])"),
    new_markdown_cell("## 2. An indicator for the taxonomy\n\nThe taxonomy is a JSON file; load an extended copy and give it to the "
                      "records component. Loading validates the file (unknown keys, duplicate ids and unknown units fail)."),
    new_code_cell("from vn_dolisa_nlp.taxonomy import Taxonomy\nfrom vn_dolisa_nlp.lexicon import DATA\n\n"
                  "data = json.loads((DATA / 'indicators.json').read_text(encoding='utf-8'))\n"
                  "data['indicators'].append({'id': 'elderly_gifts', 'name': 'quà tặng người cao tuổi', 'units': ['person', 'gift'],\n"
                  "                           'phrasings': ['tặng quà người cao tuổi', 'quà tặng người cao tuổi']})\n"
                  "path = Path(tempfile.mkdtemp()) / 'indicators.json'\npath.write_text(json.dumps(data, ensure_ascii=False), encoding='utf-8')\n"
                  "sentence = 'Tặng quà người cao tuổi: 1.500 suất quà.'\n"
                  "before = [(r['indicator'], r['indicator_text'], r['value']) for r in nlp(sentence)._.records]\n"
                  "nlp.get_pipe('vn_dolisa_records').taxonomy = Taxonomy.from_file(path)\n"
                  "after = [(r['indicator'], r['indicator_text'], r['value']) for r in nlp(sentence)._.records]\nprint(before)\nprint(after)"),
    new_markdown_cell("## 3. An entity pattern\n\nspaCy's `entity_ruler` after our components adds spans where nothing was found."),
    new_code_cell("ruler = nlp.add_pipe('entity_ruler', name='my_patterns', before='vn_dolisa_records')\n"
                  "ruler.add_patterns([{'label': 'ORG', 'pattern': [{'LOWER': 'hội'}, {'LOWER': 'người cao tuổi'}]}])\n"
                  "[(e.text, e.label_) for e in nlp('Hội người cao tuổi tỉnh đã tặng 50 suất quà.').ents]"),
    new_markdown_cell("## 4. Evaluate on your own annotated paragraphs\n\nWrite paragraphs in the corpus format (SPEC section 7: "
                      "character offsets, QUANTITY links to UNIT and INDICATOR by index) and score a pipeline on them."),
    new_code_cell("from vn_dolisa_nlp.evaluate import evaluate\nfrom vn_dolisa_nlp.scoring import ner_table, link_table\n\n"
                  "gold_text = 'Toàn tỉnh giải quyết việc làm mới cho 11.309 lao động, đạt 124,27%KH.'\n"
                  "gold = [{'id': 'mine-p0001', 'text': gold_text, 'meta': {'source': 'mine.txt', 'paragraph': 1}, 'spans': [\n"
                  "    {'start': 10, 'end': 33, 'label': 'INDICATOR', 'indicator': 'jobs_created'},\n"
                  "    {'start': 38, 'end': 44, 'label': 'QUANTITY', 'unit': 2, 'indicator': 0, 'kind': 'value'},\n"
                  "    {'start': 45, 'end': 53, 'label': 'UNIT'},\n"
                  "    {'start': 59, 'end': 65, 'label': 'QUANTITY', 'unit': 4, 'indicator': 0, 'kind': 'plan_ratio'},\n"
                  "    {'start': 65, 'end': 66, 'label': 'UNIT'}]}]\n"
                  "scores, _ = evaluate(vn_dolisa_nlp.load(), gold)\nprint(ner_table(scores))\nprint(link_table(scores))"),
]

ARCHIVE = [
    new_markdown_cell("# An archive of reports on Dask\n\nA folder of reports (here the four samples; a province's "
                      "archive holds thousands) extracted on a Dask cluster into a Parquet dataset, queried with DuckDB "
                      "and plotted. Each worker process loads the pipeline once and runs `nlp.pipe` over its partition "
                      "(a group of files); a file that fails is a row of `failures`, never an exception."),
    new_code_cell("from pathlib import Path\nimport duckdb\nimport matplotlib\nmatplotlib.use('Agg')\n"
                  "import matplotlib.pyplot as plt\nfrom vn_dolisa_nlp.archive import extract_archive\n\n"
                  "REPORTS = Path('../corpus/raw')     # a folder: every .txt .md .docx .doc .pdf .html in it\n"
                  "OUTPUT = Path('archive_records')    # the Parquet dataset, one folder per province and year\n"
                  "archive = extract_archive(REPORTS, OUTPUT, n_workers=2)   # a LocalCluster of 2 worker processes\n"
                  "print(archive.files, 'files,', archive.n_records, 'records,', len(archive.failures), 'failed')\n"
                  "archive.failures"),
    new_markdown_cell("On a cluster, give the scheduler's address (or a `distributed.Client`, from `dask-jobqueue` "
                      "or Kubernetes) and an output folder every worker can write to:\n\n"
                      "```python\narchive = extract_archive('/shared/reports', '/shared/records', "
                      "client='tcp://scheduler:8786')\n```\n\n"
                      "`archive.records` is a Dask DataFrame read from the dataset: the columns of SPEC section 5, "
                      "`source`, and the two the folders are named by: `province` (the record's `province_2025`, "
                      "else the province of its `place`) and `year` (from its `period`)."),
    new_code_cell("from urllib.parse import unquote   # folder names are URI-encoded, as Hive, Spark and pyarrow write them\n"
                  "print(sorted(unquote(str(p.relative_to(OUTPUT))) for p in OUTPUT.rglob('*.parquet'))[:3])\n"
                  "archive.records.groupby(['province', 'year']).size().compute().sort_values(ascending=False).head(8)"),
    new_markdown_cell("## DuckDB over the dataset\n\nTop-level figures only (`parent IS NULL`: not the items of a "
                      "breakdown), measured values, by province, year and indicator. A report states some figures "
                      "more than once (a summary, then the detail), so `sum` adds mentions; `max` is the largest "
                      "figure stated."),
    new_code_cell("QUERY = '''\nSELECT province, year, indicator, unit, sum(value) AS total, max(value) AS largest, "
                  "count(*) AS records\nFROM read_parquet('archive_records/**/*.parquet', hive_partitioning = true)\n"
                  "WHERE parent IS NULL AND kind = 'value' AND indicator IS NOT NULL\nGROUP BY ALL\n"
                  "ORDER BY records DESC\n'''\ntable = duckdb.sql(QUERY).df()\ntable.head(10)"),
    new_markdown_cell("## A comparison\n\nRecords per province in its main year, and the largest number of jobs "
                      "created stated for each province and year."),
    new_code_cell("per_year = duckdb.sql(\"SELECT province, year, count(*) AS records FROM read_parquet("
                  "'archive_records/**/*.parquet', hive_partitioning = true) WHERE province IS NOT NULL GROUP BY ALL\").df()\n"
                  "main_year = per_year.sort_values('records').groupby('province').tail(1).sort_values('records')\n"
                  "jobs = table[(table.indicator == 'jobs_created') & (table.unit == 'person')].sort_values('largest')\n"
                  "fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))\n"
                  "axes[0].barh(main_year.province + ' ' + main_year.year.astype(str), main_year.records, color='#4d908e')\n"
                  "axes[0].set_title('records, main year of each province')\n"
                  "axes[1].barh(jobs.province + ' ' + jobs.year.astype(str), jobs.largest, color='#f9844a')\n"
                  "axes[1].set_title('jobs_created, largest figure (person)')\nfig.tight_layout()\n"
                  "fig.savefig('archive_compare.png', dpi=80)\n"
                  "print(jobs[['province', 'year', 'largest', 'records']].to_string(index=False))"),
    new_markdown_cell("## Caveats\n\n- A record's year is its period's: a report cites earlier and later years "
                      "(a 2016 baseline, a 2030 target), so one report spreads over several year folders.\n"
                      "- `province` is the record's `province_2025`, its province after the 2025 merger: Đắk Nông's "
                      "records are under Tỉnh Lâm Đồng, Thừa Thiên Huế's under Thành phố Huế, while `place` keeps the "
                      "report's name. A record without one (a country) takes the province of its `place`, or none.\n"
                      "- Numbers are machine-extracted: check the `sentence` column before citing one."),
]


def main() -> None:
    for name, cells in [("01_quickstart", QUICKSTART), ("02_compare_reports", COMPARE), ("03_extend", EXTEND),
                        ("04_archive", ARCHIVE)]:
        nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                "language": "python"}})
        nbformat.write(nb, HERE / f"{name}.ipynb")
        print(f"notebooks/{name}.ipynb")


if __name__ == "__main__":
    main()
