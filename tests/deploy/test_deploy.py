"""The cluster deployment: deploy/compose.yaml validates against the Compose Specification schema
(vendored from compose-spec/compose-spec, Apache-2.0) and wires two replicas, PostgreSQL, Redis and the
load balancer with health checks; the Helm chart renders (with `helm template` when installed, else the
Go-template subset renderer beside this file) and every manifest validates against the Kubernetes
schemas (kubernetes-validate, strict)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from config.loader import parse_config
from tests.deploy.gotemplate import merge, render_chart

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CHART = DEPLOY / "helm" / "steward"
K8S_VERSION = "1.33.0"
ALL_ON = {"ingress": {"enabled": True, "className": "nginx", "annotations": {"a.b/c": "d"},
                      "tls": [{"hosts": ["steward.example.gov.uk"], "secretName": "steward-tls"}]},
          "serviceMonitor": {"enabled": True, "labels": {"release": "prom"}},
          "extraEnv": [{"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": "http://otel:4318"}]}


def _compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_compose_file_matches_the_compose_spec() -> None:
    schema = json.loads((Path(__file__).parent / "compose-spec.json").read_text())
    jsonschema.Draft7Validator(schema).validate(_compose())


def test_compose_wires_two_replicas_behind_a_load_balancer() -> None:
    services = _compose()["services"]
    replicas = [name for name in services if name.startswith("steward-")]
    assert len(replicas) == 2
    for name in replicas:
        service = services[name]
        assert service["read_only"] is True and "healthcheck" in service
        env = service["environment"]
        assert "postgres:5432" in env["STEWARD_DATABASE_URL"] and "redis:6379" in env["STEWARD_REDIS_URL"]
        assert "${POSTGRES_PASSWORD:?" in env["STEWARD_DATABASE_URL"]  # secrets only from the environment
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"] == ["steward", "db", "upgrade"]
    for name in ("postgres", "redis", "lb"):
        assert "healthcheck" in services[name]
    for service in services.values():
        for dependency in service.get("depends_on", {}):
            assert dependency in services
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert set(re.findall(r"server (steward-\d):8080", nginx)) == set(replicas)


def test_deployed_policy_is_valid() -> None:
    parse_config((DEPLOY / "policy.yaml").read_text(), "deploy/policy.yaml")


def _values(override: dict[str, Any] | None = None) -> dict[str, Any]:
    return merge(yaml.safe_load((CHART / "values.yaml").read_text()), override or {})


def _render(override: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return render_chart(CHART, _values(override))


@pytest.mark.parametrize("override", [None, ALL_ON, {"autoscaling": {"enabled": False},
                                                      "podDisruptionBudget": {"enabled": False},
                                                      "secrets": {"existingSecret": "steward-secrets"},
                                                      "migrations": {"enabled": False}}],
                         ids=["defaults", "everything-on", "minimal"])
def test_every_manifest_validates_against_kubernetes_schemas(override: dict[str, Any] | None) -> None:
    docs = _render(override)
    assert docs
    for doc in docs:
        if doc["apiVersion"].startswith("monitoring.coreos.com/"):
            continue  # a CRD: checked below
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_chart_shape() -> None:
    docs = {d["kind"]: d for d in _render(ALL_ON)}
    assert {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap",
            "Secret", "Job", "ServiceMonitor"} <= set(docs)
    pod = docs["Deployment"]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["resources"]["limits"] and container["resources"]["requests"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert "replicas" not in docs["Deployment"]["spec"]  # the HPA owns it
    assert docs["Job"]["spec"]["template"]["spec"]["containers"][0]["args"] == ["steward", "db", "upgrade"]
    assert docs["ServiceMonitor"]["spec"]["endpoints"][0]["path"] == "/metrics"
    parse_config(docs["ConfigMap"]["data"]["policy.yaml"], "configmap")  # the policy Steward will load


def test_policy_change_rolls_the_pods() -> None:
    before = {d["kind"]: d for d in _render()}["Deployment"]
    policy = _values()["policy"]
    after = {d["kind"]: d for d in _render({"policy": {**policy, "default_use_case": None}})}["Deployment"]
    key = "checksum/policy"
    assert before["spec"]["template"]["metadata"]["annotations"][key] != \
        after["spec"]["template"]["metadata"]["annotations"][key]


@pytest.mark.skipif(shutil.which("helm") is None, reason="helm is not installed (the subset renderer ran instead)")
def test_helm_template_agrees_with_the_subset_renderer(tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text(yaml.safe_dump(_values(ALL_ON)))
    out = subprocess.run(["helm", "template", "steward", str(CHART), "-f", str(values), "--namespace", "steward"],
                         check=True, capture_output=True, text=True).stdout
    rendered = [d for d in yaml.safe_load_all(out) if d]
    assert sorted((d["kind"], d["metadata"]["name"]) for d in rendered) == \
        sorted((d["kind"], d["metadata"]["name"]) for d in _render(ALL_ON))
