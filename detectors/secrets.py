"""Credentials in prompts: provider and cloud keys, private keys, JWTs, passwords, tokens in context.

Every finding's span covers the secret *value* only (``password: hunter2`` -> ``hunter2``; a PEM block
-> the whole block), so redaction leaves the surrounding words readable.

Where a maintained ``detect-secrets`` plugin's regex gives usable spans it is imported, not copied:
AWS key IDs, GitHub, GitLab, Slack, Stripe, SendGrid, PyPI, Square and OpenAI ``T3BlbkFJ`` keys, plus
its JWT validity check and entropy measure. Its keyword, private-key, basic-auth and AWS-secret plugins
work line by line, return values rather than positions, or reject real passwords (RFC 3986 sub-delims
such as ``!`` in URL passwords), so assignments, connection strings and PEM blocks are matched here.
Importing the plugins pulls in ``requests`` (~0.15 s, once); nothing is verified over the network.

Kinds (``Finding.label``): openai_api_key, anthropic_api_key, aws_access_key, aws_secret_key,
github_token, gitlab_token, slack_token, stripe_key, sendgrid_key, pypi_token, square_token,
google_api_key, azure_key, huggingface_token, groq_api_key, xai_api_key, private_key, jwt, bearer_token,
recovery_key (BitLocker),
connection_string_password, password_assignment, high_entropy_token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final

from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.openai import OpenAIDetector
from detect_secrets.plugins.pypi_token import PypiTokenDetector
from detect_secrets.plugins.sendgrid import SendGridDetector
from detect_secrets.plugins.slack import SlackDetector
from detect_secrets.plugins.square_oauth import SquareOAuthDetector
from detect_secrets.plugins.stripe import StripeDetector

from detectors.base import Finding

ENTITY: Final = "SECRET"

_TOKEN_CHARS = r"A-Za-z0-9_\-"
_Candidate = tuple[int, int, str, float]  # start, end, label, score


@dataclass(frozen=True, slots=True)
class _Rule:
    """One pattern, run only when the text contains one of its ``hints``; ``check``, if given, must
    accept the value."""

    label: str
    hints: tuple[str, ...]  # lower-case substrings, one of which the text must contain (a cheap pre-check)
    pattern: re.Pattern[str]
    score: float = 0.97
    check: Callable[[str], bool] | None = None
    group: int | None = None  # the value's group; None: the first that took part, or the whole match


def _bounded(pattern: re.Pattern[str], tail: str = "") -> re.Pattern[str]:
    """A plugin regex that must start at a token boundary; ``tail`` extends the match over the rest of
    the token (plugins fix the length, so a longer token would otherwise leave its end behind)."""
    return re.compile(rf"(?<![{_TOKEN_CHARS}])(?:{pattern.pattern}){tail}", pattern.flags)


def _has_mixed_classes(value: str) -> bool:
    return any(c.isdigit() for c in value) and any(c.isupper() for c in value) and any(c.islower() for c in value)


def _has_digit_and_letter(value: str) -> bool:
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


_ENTROPY = Base64HighEntropyString()


def _entropy(value: str) -> float:
    """Shannon entropy in bits per character (detect-secrets' calculation)."""
    return float(_ENTROPY.calculate_shannon_entropy(value))


# A truncated paste has no END line: take the header and the base64 lines that follow (newlines may be
# JSON-escaped "\\n"), never the prose after them.
_PEM_LINE = (
    r"(?:\r?\n|\\n)[ \t]*"
    r"(?:[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9+/]*={1,2}|(?:Proc-Type|DEK-Info|Comment|Version): [^\n\\]*)"
)
_PEM = re.compile(
    r"-----BEGIN (?P<kind>[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----"
    rf"(?:(?:[^-]|-(?!----)){{0,16384}}?-----END (?P=kind)-----|(?:{_PEM_LINE})*)"  # body: up to the next "-----"
)
_PUTTY = re.compile(r"PuTTY-User-Key-File-\d+:[\s\S]{0,16384}?Private-MAC: [0-9a-f]+")

_ANY = rf"[{_TOKEN_CHARS}]*"
_AWS_ID = re.compile(rf"(?<![A-Za-z0-9])(?:{AWSKeyDetector.denylist[0].pattern})(?![A-Za-z0-9])")
_AWS_SECRET = re.compile(
    r"aws.{0,20}?(?:secret|key|pwd|pw|password|pass|token).{0,20}?[\s:=>\"'(]([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
    re.IGNORECASE,
)
_SK = rf"(?<![{_TOKEN_CHARS}])sk-"
_AZURE = re.compile(r"\b(?:AccountKey|SharedAccessKey|SharedAccessSignature)\s*=\s*([^;\s\"'<>]{16,})", re.I)
_JWT = re.compile(r"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]+=*\.eyJ[A-Za-z0-9_\-]*=*\.[A-Za-z0-9_\-+/]*=*")
# URL user-info, scheme://user:PASSWORD@host (the basic-auth plugin's pattern rejects '!', '&', ...).
_URL_PASSWORD = re.compile(
    r"(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]*://[^:/?#@\s\"'<>]+:([^\s/?#\"'<>]+)@(?=[^\s@/])"
)

_GITLAB_HINTS = tuple("glpat- gldt- glft- glsoat- glrt- gr1348941 glcbt- glimt- glptt- glagent- gloas-".split())

_PROVIDER_RULES: Final[tuple[_Rule, ...]] = (
    _Rule("private_key", ("private key",), _PEM, 0.99, group=0),
    _Rule("private_key", ("putty-user-key",), _PUTTY, 0.99),
    _Rule("anthropic_api_key", ("sk-ant-",), re.compile(rf"{_SK}ant-[a-z0-9]+-[{_TOKEN_CHARS}]{{20,}}"), 0.99),
    _Rule("openai_api_key", ("t3blbkfj",), _bounded(OpenAIDetector.denylist[0], _ANY), 0.99),
    _Rule(
        "openai_api_key",
        ("sk-",),
        re.compile(rf"{_SK}(?:(?:proj|svcacct|admin|None)-)?[{_TOKEN_CHARS}]{{20,}}"),
        0.9,
        lambda v: _has_mixed_classes(v) or (len(v) >= 35 and v[3:].isalnum() and _has_digit_and_letter(v)),
    ),
    _Rule("aws_access_key", ("akia", "asia", "abia", "acca", "a3t"), _AWS_ID, 0.97),
    _Rule("aws_secret_key", ("aws",), _AWS_SECRET, 0.95),
    _Rule(
        "github_token",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
        _bounded(GitHubTokenDetector.denylist[0], _ANY),
        0.99,
        group=0,
    ),
    _Rule(
        "github_token",
        ("github_pat_",),
        re.compile(r"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,255}"),
        0.99,
    ),
    *(_Rule("gitlab_token", _GITLAB_HINTS, _bounded(p), 0.97, group=0) for p in GitLabTokenDetector.denylist),
    *(_Rule("slack_token", ("xox", "hooks.slack"), _bounded(p, _ANY), 0.97) for p in SlackDetector.denylist),
    _Rule("stripe_key", ("k_live_",), _bounded(StripeDetector.denylist[0], "[0-9a-zA-Z]*"), 0.97),
    _Rule("sendgrid_key", ("sg.",), _bounded(SendGridDetector.denylist[0]), 0.97),
    *(_Rule("pypi_token", ("pypi-",), _bounded(p), 0.97) for p in PypiTokenDetector.denylist),
    _Rule("square_token", ("sq0csp-",), _bounded(SquareOAuthDetector.denylist[0]), 0.97),
    _Rule(
        "google_api_key",
        ("aiza",),
        re.compile(rf"(?<![{_TOKEN_CHARS}])AIza[{_TOKEN_CHARS}]{{35}}(?![{_TOKEN_CHARS}])"),
    ),
    _Rule("azure_key", ("accountkey", "sharedaccess"), _AZURE, 0.95),
    _Rule("azure_key", ("sig=",), re.compile(r"[?&]sig=([A-Za-z0-9%+/=]{20,})"), 0.9),
    _Rule("huggingface_token", ("hf_",), re.compile(rf"(?<![{_TOKEN_CHARS}])hf_[A-Za-z]{{34,}}(?![{_TOKEN_CHARS}])")),
    _Rule("groq_api_key", ("gsk_",), re.compile(rf"(?<![{_TOKEN_CHARS}])gsk_[A-Za-z0-9]{{48,}}(?![{_TOKEN_CHARS}])")),
    _Rule("xai_api_key", ("xai-",), re.compile(rf"(?<![{_TOKEN_CHARS}])xai-[A-Za-z0-9]{{70,}}(?![{_TOKEN_CHARS}])")),
    _Rule("jwt", ("eyj",), _JWT, 0.95, JwtTokenDetector.is_formally_valid),
    _Rule("recovery_key", ("recovery", "bitlocker"), re.compile(r"(?<![\d-])\d{6}(?:-\d{6}){7}(?![\d-])"), 0.9),
    _Rule(  # <password>…</password>, <ApiKey>…</ApiKey>
        "password_assignment",
        ("password", "passwd", "pwd", "secret", "token", "key"),
        re.compile(r"<([\w:.-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key)[\w.-]*)>([^<\n]{1,256})</\1>", re.I),
        0.85,
        lambda v: _looks_secret(v, quoted=True),
        group=2,
    ),
    _Rule(  # curl -u user:password
        "password_assignment",
        ("-u", "--user"),
        re.compile(r"(?<!\S)(?:-u|--user)[ \t=]+[\"']?[^:\s\"']+:([^\s\"']+)"),
        0.85,
        lambda v: _looks_secret(v, quoted=False),
    ),
    _Rule(
        "password_assignment",
        ("convertto-securestring",),
        re.compile(r"ConvertTo-SecureString\s+(?:-String\s+)?[\"']([^\"'\n]{1,256})[\"']", re.I),
        0.9,
    ),
    _Rule(
        "bearer_token",
        ("bearer", "basic", "token"),
        re.compile(r"\b(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/\-]{16,}=*)"),
        0.9,
        _has_digit_and_letter,
    ),
    _Rule(
        "connection_string_password",
        ("://",),
        _URL_PASSWORD,
        0.95,
        lambda v: not v.startswith(("{", "$", "%(")),
    ),
)


# --- keyword assignments: ``DB_PASSWORD=…``, ``"api_key": "…"``, ``password is …`` -------------------

_KEYWORD = (
    r"(?:passw(?:or)?d|pwd|passphrase|(?<![A-Za-z])pass|(?<![A-Za-z])pw|secret|token|credentials?|api[_\- ]?key"
    r"|(?:access|private|auth|client|account|master|signing|encryption|subscription|shared|storage"
    r"|wi-?fi|wpa2?|network|licen[cs]e|product)[_\- ]?key)"
)
# Only suffixes that keep the name about the secret itself: SECRET_KEY, aws_secret_access_key, token_b64;
# not TOKEN_COUNT, password_reset_url or max_tokens.
_SUFFIX = r"(?:[_.\-]?(?:access|key|id|token|secret|value|str|string|hash|b64|base64|hex|plain|text|\d))*"
_SEPARATOR = (
    r"(?:(?P<eq>[*\"'\]`)]{0,3}\s*(?:=(?!=)|:=?|=>)[ \t*]*)"  # password = / "password": / **Password:**
    r"|(?P<cmp>[\"'\]`)]{0,2}\s*(?:={2,3}|!==?)\s*)"  # if password == "…" (a weaker sign than assignment)
    r"|(?P<prose>\s+(?:(?:for|to|on)\s+[^\n:=]{1,40}?\s+)?(?:is|was)\s+(?:set\s+to\s+|now\s+)?)"  # … for X is …
    r"|(?P<space>[ \t]+))"  # password Welcome1 (accepted only for a strong-looking value)
)
_VALUE = (
    r"(?:\"(?P<q1>[^\"\n]{1,256})\"|'(?P<q2>[^'\n]{1,256})'|`(?P<q3>[^`\n]{1,256})`"
    r"|(?P<bare>[^\s\"'`<>,;]{1,256}))"
)
_VALUE_GROUPS: Final = ("q1", "q2", "q3", "bare")
# The leading look-ahead on first letters lets the regex engine skip most positions quickly (~2.5x).
_ASSIGNMENT = re.compile(rf"(?=[acelmnprstw]){_KEYWORD}{_SUFFIX}(?![A-Za-z0-9]){_SEPARATOR}{_VALUE}", re.IGNORECASE)
# Connection strings: Server=…;User Id=…;Password=two words;  (the value may contain spaces)
_CONN_PASSWORD = re.compile(
    r";[ \t]*(?:password|pwd)[ \t]*=[ \t]*([^;\s\"'](?:[^;\n\"']{0,200}[^;\s\"'])?)[ \t]*(?=;|$|\"|')",
    re.I | re.M,
)

_PLACEHOLDER = re.compile(
    r"(?:\*+|x{3,}|\.{3,}|<[^>]*>|\[[^\]]*\]|\$\{?\w+\}?|\{\{.*\}\}|%\(?\w*\)?s?|\{\w*\}|null|none|nil|true|false"
    r"|undefined|redacted|changeme|password|secret|token|example|dummy|placeholder|your[_\- ]?\w*"
    r"|(?:os\.environ|os\.getenv|getenv|process\.env|env|settings|config)\b.*)",
    re.IGNORECASE,
)
# Format templates, not values: '%s:%s', '%(pw)s', '{0}', '{user}'
_FORMAT_FIELD = re.compile(r"%[sdr](?![A-Za-z0-9])|%\(\w+\)[sdr]|\{\d*\}|\{\w+(?:[.:!][^}]*)?\}")
_TRAILING_PUNCTUATION = ".,;:)]}"


def _looks_secret(value: str, quoted: bool) -> bool:
    """A quoted literal assigned to a secret name is taken as given; an unquoted word must look like a
    credential (letters with digits or symbols, or long and random) so prose like "password is
    changed" or type hints like ``password: str`` do not count."""
    if len(value) < 4 or _PLACEHOLDER.fullmatch(value) or _FORMAT_FIELD.search(value):
        return False
    if quoted:
        return not (" " in value and not any(not c.isalpha() and not c.isspace() for c in value))
    if len(value) < 6 or "://" in value or any(c in value for c in "([{$") or not any(c.isalpha() for c in value):
        return False
    has_other = any(c.isdigit() or (not c.isalnum() and c not in "_-.") for c in value)
    return has_other or (len(value) >= 16 and _entropy(value) >= 3.5)


_ASSIGNMENT_HINTS: Final = frozenset({"pass", "pw", "secret", "token", "credential", "key"})


def _looks_strong(value: str) -> bool:
    """For a value with no separator before it ("password Welcome1"): a password-shaped word, with
    letters, digits and capitals or symbols."""
    has_cap_or_symbol = any(c.isupper() or (not c.isalnum() and c not in "_-.") for c in value)
    return len(value) >= 8 and _has_digit_and_letter(value) and has_cap_or_symbol and _looks_secret(value, False)


def _iter_assignments(text: str, hints: frozenset[str]) -> Iterator[_Candidate]:
    if hints.isdisjoint(_ASSIGNMENT_HINTS):
        return
    pos = 0
    while m := _ASSIGNMENT.search(text, pos):
        group = next(g for g in _VALUE_GROUPS if m.group(g) is not None)
        start, end = m.span(group)
        if group == "bare":
            while end > start and text[end - 1] in _TRAILING_PUNCTUATION:
                end -= 1
        value = text[start:end]
        if m.group("space") is not None:
            accepted = _looks_strong(value)
        else:
            accepted = _looks_secret(value, quoted=group != "bare" and m.group("cmp") is None)
        if accepted:
            yield start, end, "password_assignment", 0.85
            pos = m.end()
        else:  # a rejected value may hide the next assignment: "password: https://…?token=…"
            pos = m.start() + 1
    for m in _CONN_PASSWORD.finditer(text):
        if _looks_secret(m.group(1), quoted=True):
            yield m.start(1), m.end(1), "connection_string_password", 0.9


# --- random-looking tokens near a credential word ------------------------------------------------------

_CANDIDATE = re.compile(r"(?<![A-Za-z0-9+/_\-.@:])[A-Za-z0-9+/_\-]{20,}={0,2}(?![A-Za-z0-9+/_\-=])")
_CONTEXT = re.compile(r"key|token|secret|passw|pwd|credential|bearer|auth|signature|\bsig\b", re.IGNORECASE)
_CONTEXT_WINDOW = 80
_CONTEXT_HINTS: Final = _ASSIGNMENT_HINTS | {"auth", "sig"}
_HEX = frozenset("0123456789abcdefABCDEF-")


def _looks_random(value: str) -> bool:
    """Base64-like (digits and both cases) or a long hex string, with high entropy. Reference numbers
    such as ``HSG-2026-000731-ABCDEF`` (one case, letter and digit blocks) fail."""
    if "//" in value:
        return False
    if all(c in _HEX for c in value):
        return sum(c != "-" for c in value) >= 32 and _entropy(value) >= 3.0
    return _has_mixed_classes(value) and _class_changes(value) >= 0.4 * len(value) and _entropy(value) >= 3.7


def _class_changes(value: str) -> int:
    """How often the character class (upper, lower, digit, other) changes: about 0.65 per character in
    a random base64 string, about 0.3 in a camelCase identifier such as ``stringEndArchive64Locator``."""
    classes = [c.isupper() * 1 + c.islower() * 2 + c.isdigit() * 3 for c in value]
    return sum(a != b for a, b in zip(classes, classes[1:], strict=False))


def _iter_high_entropy(text: str, hints: frozenset[str]) -> Iterator[_Candidate]:
    if hints.isdisjoint(_CONTEXT_HINTS):
        return
    for m in _CANDIDATE.finditer(text):
        window = text[max(0, m.start() - _CONTEXT_WINDOW) : m.start()]
        if window.count("\n") <= 1 and _CONTEXT.search(window) and _looks_random(m.group()):
            yield m.start(), m.end(), "high_entropy_token", 0.6


# --- the detector -------------------------------------------------------------------------------------


def _iter_rule_matches(text: str, hints: frozenset[str]) -> Iterator[_Candidate]:
    for rule in _PROVIDER_RULES:
        if hints.isdisjoint(rule.hints):
            continue
        for m in rule.pattern.finditer(text):
            group = rule.group
            if group is None:
                group = next((i for i in range(1, m.re.groups + 1) if m.group(i) is not None), 0)
            start, end = m.span(group)
            if end > start and (rule.check is None or rule.check(text[start:end])):
                yield start, end, rule.label, rule.score


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Within each run of overlapping candidates: most confident (then longest) first, dropping any
    candidate inside a span already kept. Partial overlaps are all kept, so the union still covers
    every value. Runs keep the work linear in the text even when it holds thousands of findings."""
    kept: list[_Candidate] = []
    run: list[_Candidate] = []
    reach = -1
    for cand in sorted(candidates):
        if cand[0] >= reach and run:
            kept.extend(_resolve_run(run))
            run = []
        run.append(cand)
        reach = max(reach, cand[1])
    return kept + _resolve_run(run)


def _resolve_run(run: list[_Candidate]) -> list[_Candidate]:
    kept: list[_Candidate] = []
    for cand in sorted(run, key=lambda c: (-c[3], c[0] - c[1], c[0])):
        if not any(k[0] <= cand[0] and cand[1] <= k[1] for k in kept):
            kept.append(cand)
    return sorted(kept)


_ALL_HINTS: Final = tuple(
    sorted({hint for rule in _PROVIDER_RULES for hint in rule.hints} | _ASSIGNMENT_HINTS | _CONTEXT_HINTS)
)


class SecretsDetector:
    """Finds credentials; label is the kind (``aws_access_key``, ``password_assignment``, ...)."""

    name = "secrets"
    entities: frozenset[str] = frozenset({ENTITY})

    def detect(self, text: str) -> list[Finding]:
        lowered = text.lower()
        hints = frozenset(hint for hint in _ALL_HINTS if hint in lowered)  # one cheap pass per hint
        candidates = [
            *_iter_rule_matches(text, hints),
            *_iter_assignments(text, hints),
            *_iter_high_entropy(text, hints),
        ]
        return [
            Finding(ENTITY, start, end, score, self.name, label) for start, end, label, score in _resolve(candidates)
        ]
