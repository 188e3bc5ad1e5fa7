"""Policy configuration: validation errors name file, line and field; shipped files are valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.loader import ConfigError, load_config, parse_config
from config.schema import schema_text

ROOT = Path(__file__).resolve().parents[2]

MINIMAL = """version: 1
tools:
  - id: t1
    provider: demo
    models: [m]
    category: internal
roles:
  staff: {tools: [t1]}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MINIMAL.replace("category: internal", "category: internl"), "t.yaml:6: tools.0.category:"),
        (MINIMAL.replace("    models: [m]\n", "    models: [m]\n    colour: blue\n"), "t.yaml:6: tools.0.colour:"),
        (MINIMAL.replace("[t1]}", "[t2]}"), "t.yaml:8: roles.staff.tools.0: unknown tool 't2'"),
        (MINIMAL + "default_use_case: nope\n", "t.yaml:9: default_use_case: default_use_case names unknown use case"),
        (MINIMAL.replace("provider: demo", "provider: openai"), "base_url is required"),
        ("tools: [\n", "t.yaml:2: invalid YAML"),
        ("- just\n- a list\n", "t.yaml:1: the top level must be a mapping"),
    ],
)
def test_errors_name_file_line_and_field(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "t.yaml")
    assert any(expected in problem for problem in info.value.problems), info.value.problems


def test_every_broken_reference_is_reported_at_its_line_in_one_run() -> None:
    text = MINIMAL + """  admin:
    tools:
      - t1
      - ghost-tool
keys:
  - {id: k1, digest: "sha256:%s", user: u, roles: [staff, ghost-role]}
default_use_case: ghost-use-case
""" % ("a" * 64)
    with pytest.raises(ConfigError) as info:
        parse_config(text, "t.yaml")
    assert info.value.problems == [
        "t.yaml:12: roles.admin.tools.1: unknown tool 'ghost-tool'",
        "t.yaml:14: keys.0.roles.1: unknown role 'ghost-role'",
        "t.yaml:15: default_use_case: default_use_case names unknown use case 'ghost-use-case'",
    ]


@pytest.mark.parametrize("path", [None, ROOT / "config/default.yaml", ROOT / "config/examples/council.yaml"])
def test_shipped_configurations_are_valid(path: Path | None) -> None:
    loaded = load_config(path)
    assert loaded.digest.startswith("sha256:")
    assert loaded.config.tools


def test_policy_version_is_the_content_digest() -> None:
    a, b = parse_config(MINIMAL, "a"), parse_config(MINIMAL + "\n", "b")
    assert a.digest != b.digest and parse_config(MINIMAL, "c").digest == a.digest


def test_dormant_tool_is_active_only_when_its_key_is_set() -> None:
    tool = load_config(None).config.tool("openai")
    assert tool is not None
    assert not tool.key_configured({}) and tool.key_configured({"OPENAI_API_KEY": "k"})


def test_exported_json_schema_is_current() -> None:
    committed = (ROOT / "config/policy.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: steward config schema --out config/policy.schema.json"
