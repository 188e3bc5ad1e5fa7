"""JSON Schema of the policy file, exported to `config/policy.schema.json` so editors validate the YAML."""

from __future__ import annotations

import json

from config.models import PolicyConfig

SCHEMA_FILE = "policy.schema.json"


def schema_text() -> str:
    schema = PolicyConfig.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Steward policy configuration"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
