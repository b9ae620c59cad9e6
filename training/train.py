"""Rebuild packages/vi_dolisa_sm from the corpus: a thin wrapper of the spaCy project.

    python training/train.py      # == python -m spacy project run all (project.yml)
"""

import subprocess
import sys
from pathlib import Path

if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    sys.exit(subprocess.run([sys.executable, "-m", "spacy", "project", "run", "all", str(root)], cwd=root).returncode)
