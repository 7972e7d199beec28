"""One worked example per command, shown at the end of its --help (tests run each through the
parser, so an example cannot name an option that is gone)."""

from __future__ import annotations

from typing import Any

EXAMPLES: dict[str, list[str]] = {
    "demo": ["crosscheck demo"],
    "ingest": ["crosscheck ingest ../shared/seeds/*.txt --manifest ../shared/seeds/manifest.csv"],
    "check": ["crosscheck check --tolerance 0.15 --format json"],
    "report": ["crosscheck report --place Idlib --severity medium --pager",
               "crosscheck report --format html -o idlib.html"],
    "timeline": ["crosscheck timeline --kind displaced --place Idlib",
                 "crosscheck timeline x29e1e45"],
    "export": ["crosscheck export out/ --place Idlib --publisher 'Desk Check'",
               "crosscheck export out/ --format parquet"],
    "review": ["crosscheck review --place Idlib --mine"],
    "import": ["crosscheck --db other.db import hand.jsonl"],
    "doctor": ["crosscheck doctor --format json"],
    "sources": ["crosscheck sources list --format csv"],
    "sources list": ["crosscheck sources list --format json"],
    "sources show": ["crosscheck sources show 4c23b316"],
    "sources add": ["crosscheck sources add --title 'Evening bulletin' --outlet 'Radio Orient' "
                    "--published 2019-09-02 --text-file bulletin.txt"],
    "claims": ["crosscheck claims list --attribution OSDH"],
    "claims list": ["crosscheck claims list --kind displaced --sort figure",
                    "crosscheck claims list --attribution OSDH --format csv > sohr.csv"],
    "claims show": ["crosscheck claims show c87228b6 --explain"],
    "claims add": ["crosscheck claims add --source 4c23b316 --quote 'more than 400,000' "
                   "--kind displaced --attribution 'United Nations'"],
    "claims edit": ["crosscheck claims edit c87228b6 --low 400000 --note 'UNHCR figure'"],
    "claims rm": ["crosscheck claims rm c87228b6"],
    "claims history": ["crosscheck claims history c87228b6"],
    "conflicts": ["crosscheck conflicts list --undecided"],
    "conflicts list": ["crosscheck conflicts list --place Idlib --severity medium --undecided"],
    "conflicts show": ["crosscheck conflicts show x29e1e45"],
    "conflicts assign": ["crosscheck conflicts assign x29e1e45 --to ana"],
    "conflicts decide": ["crosscheck conflicts decide x29e1e45 --verdict resolved "
                         "--claim cc1c862f --note 'UN figure, as of August'"],
    "config": ["crosscheck config set check.tolerance 0.15"],
    "config get": ["crosscheck config get check.tolerance"],
    "config set": ["crosscheck config set check.window_days 30"],
    "config unset": ["crosscheck config unset check.window_days"],
    "aliases": ["crosscheck aliases add 'Syrian Observatory for Human Rights' SOHR"],
    "aliases add": ["crosscheck aliases add 'Syrian Observatory for Human Rights' OSDH "
                    "--type monitor"],
    "aliases list": ["crosscheck aliases list --all"],
    "aliases import": ["crosscheck aliases import aliases.csv"],
}


def add_examples(group: Any, prefix: str = "") -> None:
    """Give each command of a click group its examples as the epilog of its --help."""
    for name, command in getattr(group, "commands", {}).items():
        path = f"{prefix} {name}".strip()
        if path in EXAMPLES and not command.epilog:
            lines = "\n".join(f"  $ {e}" for e in EXAMPLES[path])
            command.epilog = f"\b\nExample{'s' if len(EXAMPLES[path]) > 1 else ''}:\n{lines}"
        add_examples(command, path)
