"""`steward scan FILE`: what the detectors find in a file and what the text becomes, nothing forwarded."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from config.base import Action
from config.loader import LoadedConfig
from detectors.engine import EngineOptions, ScanEngine
from policies.operators import Pseudonymiser
from policies.refusal import Refusal
from policies.transform import preview_actions, transform
from policies.usecases import select_use_case


class ScanInputError(Exception):
    """A user error (unknown use case, unreadable file): one line on stderr, exit code 2."""


def scan_file(loaded: LoadedConfig, path: Path, use_case_id: str | None) -> int:
    """Print the JSON report on stdout. Exit code 0: nothing blocked; 3: a blocked class was found."""
    config = loaded.config
    try:
        use_case = select_use_case(config, use_case_id, None)
    except Refusal as exc:
        known = ", ".join(u.id for u in config.use_cases) or "none"
        raise ScanInputError(f"unknown use case '{use_case_id}' (configured: {known})") from exc
    text = _read(path)
    detection = config.gateway.detection
    engine = ScanEngine(EngineOptions(spacy_model=detection.spacy_model, cache_size=0))
    try:
        engine.start()
        findings = engine.scan_sync([text])[0]
    finally:
        engine.close()
    handling = use_case.data_handling
    actions = {f.finding_class: Action(getattr(handling, f.finding_class, Action.BLOCK)) for f in findings}
    blocked = sorted({cls for cls, action in actions.items() if action is Action.BLOCK})
    report = {
        "use_case": use_case.id,
        "findings": [{"entity": f.entity, "label": f.label or None, "class": f.finding_class, "start": f.start,
                      "end": f.end, "score": round(f.score, 3), "detector": f.detector} for f in findings],
        "blocked_classes": blocked,
        # Blocked classes are shown redacted too: a preview never echoes a blocked secret.
        "transformed": transform(text, findings, preview_actions(actions), Pseudonymiser()),
    }
    sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 3 if blocked else 0


def _read(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ScanInputError(f"no such file: {path}") from exc
    except UnicodeDecodeError as exc:
        raise ScanInputError(f"{path} is not UTF-8 text; convert it first (e.g. iconv -t UTF-8)") from exc
    except OSError as exc:
        raise ScanInputError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from exc
