"""SecretsDetector: table-driven positives (exact value spans and kinds) and negatives.

Keys are generated here with a seeded RNG in each provider's documented shape (or are the vendors'
published example keys), so no real or scanner-tripping literal lives in the repository.
"""

from __future__ import annotations

import base64
import json
import random
import string

import pytest

from detectors.base import Finding
from detectors.secrets import SecretsDetector

_RNG = random.Random(20260126)
ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "-_"
B64 = ALNUM + "+/"
HEX = "0123456789abcdef"


def fake(alphabet: str, n: int) -> str:
    """Random token, retried until it has every character class (digit, upper, lower) its alphabet has."""
    classes = [cls for cls in (str.isdigit, str.isupper, str.islower) if any(cls(c) for c in alphabet)]
    while True:
        value = "".join(_RNG.choice(alphabet) for _ in range(n))
        if n < 8 or all(any(cls(c) for c in value) for cls in classes):
            return value


def b64url(obj: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def pem_block(kind: str, lines: int = 4, end: bool = True) -> str:
    dashes = "-" * 5
    body = "\n".join(fake(B64, 64) for _ in range(lines))
    block = f"{dashes}BEGIN {kind}{dashes}\n{body}\n"
    return block + (f"{dashes}END {kind}{dashes}" if end else "")


OPENAI_LEGACY = "sk-" + fake(ALNUM, 48)
OPENAI_PROJECT = "sk-proj-" + fake(URLSAFE, 74) + "T3BlbkFJ" + fake(URLSAFE, 74)
ANTHROPIC = "sk-ant-api03-" + fake(URLSAFE, 93) + "AA"
AWS_EXAMPLE_ID = "AKIAIOSFODNN7EXAMPLE"  # AWS's documented example
AWS_EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # AWS's documented example
AWS_SESSION_ID = "ASIA" + fake(string.ascii_uppercase + "234567", 16)
AWS_SECRET = fake(B64, 40)
GITHUB_CLASSIC = "ghp_" + fake(ALNUM, 36)
GITHUB_OAUTH = "gho_" + fake(ALNUM, 36)
GITHUB_FINE = "github_pat_" + fake(ALNUM, 22) + "_" + fake(ALNUM, 59)
GITLAB = "glpat-" + fake(URLSAFE, 20)
SLACK_BOT = f"xoxb-{_RNG.randrange(10**11, 10**12)}-{_RNG.randrange(10**12, 10**13)}-{fake(ALNUM, 24)}"
SLACK_HOOK = f"https://hooks.slack.com/services/T{fake(ALNUM, 8)}/B{fake(ALNUM, 8)}/{fake(ALNUM, 24)}"
AZURE_ACCOUNT_KEY = fake(B64, 86) + "=="
AZURE_SAS_KEY = fake(B64, 43) + "="
AZURE_SIG = fake(ALNUM, 30) + "%2B" + fake(ALNUM, 10) + "%3D"
GOOGLE = "AIza" + fake(URLSAFE, 35)
JWT = ".".join([b64url({"alg": "HS256", "typ": "JWT"}), b64url({"sub": "1234", "role": "officer"}), fake(URLSAFE, 43)])
RSA_BLOCK = pem_block("RSA PRIVATE KEY")
OPENSSH_BLOCK = pem_block("OPENSSH PRIVATE KEY")
TRUNCATED_BLOCK = pem_block("PRIVATE KEY", end=False).rstrip("\n")
JSON_ESCAPED_BLOCK = pem_block("PRIVATE KEY").replace("\n", "\\n")
BEARER = fake(URLSAFE, 40)
RANDOM_TOKEN = fake(B64, 40)
UUID = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"
HF = "hf_" + fake(string.ascii_letters, 34)
HEX_SK = "sk-" + fake(HEX, 32)
RECOVERY = "-".join(f"{_RNG.randrange(10**6):06d}" for _ in range(8))

# (text, secret value inside it, expected kind)
POSITIVES: list[tuple[str, str, str | None]] = [
    (f"OPENAI_API_KEY={OPENAI_LEGACY}\n", OPENAI_LEGACY, "openai_api_key"),
    (f'client = OpenAI(api_key="{OPENAI_PROJECT}")', OPENAI_PROJECT, "openai_api_key"),
    (f"Use {OPENAI_PROJECT} for the pilot", OPENAI_PROJECT, "openai_api_key"),
    (f'API_KEY = "{ANTHROPIC}"', ANTHROPIC, "anthropic_api_key"),
    (f"base_url=https://api.example.com key={HEX_SK}", HEX_SK, "openai_api_key"),  # OpenAI-compatible, hex
    (f"aws_access_key_id = {AWS_EXAMPLE_ID}", AWS_EXAMPLE_ID, "aws_access_key"),
    (f"The temporary key {AWS_SESSION_ID} expires at noon.", AWS_SESSION_ID, "aws_access_key"),
    (f"AWS_SECRET_ACCESS_KEY={AWS_EXAMPLE_SECRET}\n", AWS_EXAMPLE_SECRET, "aws_secret_key"),
    (f'    aws_secret_access_key="{AWS_SECRET}",', AWS_SECRET, "aws_secret_key"),
    (f"git remote set-url origin https://{GITHUB_CLASSIC}@github.com/x/y", GITHUB_CLASSIC, "github_token"),
    (f"token: {GITHUB_OAUTH}", GITHUB_OAUTH, "github_token"),
    (f"export GH_TOKEN={GITHUB_FINE}", GITHUB_FINE, "github_token"),
    (f"CI uses {GITLAB} for the runner", GITLAB, "gitlab_token"),
    (f"SLACK_BOT_TOKEN={SLACK_BOT}", SLACK_BOT, "slack_token"),
    (f"post alerts to {SLACK_HOOK} please", SLACK_HOOK, "slack_token"),
    (
        f"DefaultEndpointsProtocol=https;AccountName=councildocs;AccountKey={AZURE_ACCOUNT_KEY};"
        "EndpointSuffix=core.windows.net",
        AZURE_ACCOUNT_KEY,
        "azure_key",
    ),
    (
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
        f"SharedAccessKey={AZURE_SAS_KEY}",
        AZURE_SAS_KEY,
        "azure_key",
    ),
    (
        f"https://docs.blob.core.windows.net/c/f.pdf?sv=2022-11-02&sp=r&sig={AZURE_SIG} expires Friday",
        AZURE_SIG,
        "azure_key",
    ),
    (f"maps key {GOOGLE} in the config", GOOGLE, "google_api_key"),
    (f"Here is the key file:\n{RSA_BLOCK}\nThanks", RSA_BLOCK, "private_key"),
    (f"```\n{OPENSSH_BLOCK}\n```", OPENSSH_BLOCK, "private_key"),
    (f"the start of the key:\n{TRUNCATED_BLOCK}", TRUNCATED_BLOCK, "private_key"),
    (f"the start:\n{TRUNCATED_BLOCK}\n\nThanks, can you check this for me.", TRUNCATED_BLOCK, "private_key"),
    (
        '{"type": "service_account", "private_key": "' + JSON_ESCAPED_BLOCK + '\\n", "client_email": "a@b.iam"}',
        JSON_ESCAPED_BLOCK,
        "private_key",
    ),
    (f"the session cookie was {JWT} when it failed", JWT, "jwt"),
    (f"Authorization: Bearer {BEARER}", BEARER, "bearer_token"),
    ("DATABASE_URL=postgres://svc_app:S3cr3t!pw@db.internal:5432/app", "S3cr3t!pw", "connection_string_password"),
    ("amqp://guest:Gu3st&Pass@rabbit:5672/", "Gu3st&Pass", "connection_string_password"),
    (
        'conn = "Server=tcp:sql01;Database=rev;User Id=svc;Password=Blue Sky 42;Encrypt=True"',
        "Blue Sky 42",
        "connection_string_password",
    ),
    ('psycopg2.connect("host=db dbname=rev user=svc password=Kestrel_96x port=5432")', "Kestrel_96x", None),
    ("password: hunter2", "hunter2", "password_assignment"),
    ("pwd=Tr0ub4dor&3", "Tr0ub4dor&3", "password_assignment"),
    ('passwd = "letmein"', "letmein", "password_assignment"),
    ("DB_PASS=Oct0ber-rain", "Oct0ber-rain", "password_assignment"),
    ("my password is Summer2024! if you need it", "Summer2024!", "password_assignment"),
    ("The password for the admin account is P@ssw0rd1.", "P@ssw0rd1", "password_assignment"),
    ('{"client_secret": "a8Fq-2kLm_9zXv"}', "a8Fq-2kLm_9zXv", "password_assignment"),
    ("app.config['SECRET_KEY'] = 'Meadow-99autumn'", "Meadow-99autumn", "password_assignment"),
    ("**Password:** Marmalade#7", "Marmalade#7", "password_assignment"),
    ("dbPassword := `Quartz7Lime`", "Quartz7Lime", "password_assignment"),
    ("X-API-Key: 7d1c9e0f44aa", "7d1c9e0f44aa", "password_assignment"),
    (f"Here is the new credential, valid 24h -> {RANDOM_TOKEN}", RANDOM_TOKEN, "high_entropy_token"),
    (f"subscription key {UUID}", UUID, "high_entropy_token"),
    (
        "webhook signing secret 4f9c2a7e1b3d5f60a8c9e2d4b6f81a3c5e7d9b0f",
        "4f9c2a7e1b3d5f60a8c9e2d4b6f81a3c5e7d9b0f",
        None,
    ),
    ("Reset your password: https://portal.example.org/reset?token=Ab12cd34Ef56gh", "Ab12cd34Ef56gh", None),
    ("Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==", "dXNlcjpwYXNzd29yZDEyMw==", "bearer_token"),
    ("Username jsmith, password Welcome1 for the kiosk", "Welcome1", "password_assignment"),
    ("login: jsmith / pw: Welcome1", "Welcome1", "password_assignment"),
    ("API key: 7d1c9e0f44aaZ", "7d1c9e0f44aaZ", "password_assignment"),
    ("curl -u admin:S3cret!x https://api.example.org/v1", "S3cret!x", "password_assignment"),
    ("<config><password>Winter#2025</password><user>bob</user></config>", "Winter#2025", "password_assignment"),
    ('$pw = ConvertTo-SecureString "Gr33n-Fields" -AsPlainText -Force', "Gr33n-Fields", "password_assignment"),
    (f"HF_TOKEN={HF}", HF, "huggingface_token"),
    ("if password == 'Adm1n!2024':", "Adm1n!2024", "password_assignment"),
    ("The Wi-Fi key is CouncilGuest2024", "CouncilGuest2024", "password_assignment"),
    (f"BitLocker recovery key: {RECOVERY}", RECOVERY, "recovery_key"),
    ('SECRET_KEY = "Tq8d%ruB4m7G"', "Tq8d%ruB4m7G", "password_assignment"),  # '%r' inside, not a format field
]


@pytest.fixture(scope="module")
def detector() -> SecretsDetector:
    return SecretsDetector()


def _ids(case: tuple[str, str, str | None]) -> str:
    return case[2] or "any"


@pytest.mark.parametrize("case", POSITIVES, ids=[_ids(c) for c in POSITIVES])
def test_finds_exactly_the_value(detector: SecretsDetector, case: tuple[str, str, str | None]) -> None:
    text, value, kind = case
    start = text.index(value)
    findings = detector.detect(text)
    exact = [f for f in findings if (f.start, f.end) == (start, start + len(value))]
    assert exact, f"no finding spans exactly the value; got {[(f.label, f.start, f.end) for f in findings]}"
    if kind is not None:
        assert exact[0].label == kind
    assert all(f.entity == "SECRET" and f.detector == "secrets" for f in findings)


def test_aws_pair_gives_two_findings(detector: SecretsDetector) -> None:
    text = f'boto3.client("s3", aws_access_key_id="{AWS_EXAMPLE_ID}", aws_secret_access_key="{AWS_SECRET}")'
    labels = {text[f.start : f.end]: f.label for f in detector.detect(text)}
    assert labels == {AWS_EXAMPLE_ID: "aws_access_key", AWS_SECRET: "aws_secret_key"}


def test_env_file_every_value_and_nothing_else(detector: SecretsDetector) -> None:
    text = (
        "DB_HOST=db.internal\nDB_USER=svc_app\nDB_PASSWORD=Falc0n-51council\n"
        f"OPENAI_API_KEY={OPENAI_LEGACY}\nAWS_ACCESS_KEY_ID={AWS_EXAMPLE_ID}\n"
        f"AWS_SECRET_ACCESS_KEY={AWS_SECRET}\nS3_BUCKET=council-docs-prod\n"
    )
    found = sorted(text[f.start : f.end] for f in detector.detect(text))
    assert found == sorted(["Falc0n-51council", OPENAI_LEGACY, AWS_EXAMPLE_ID, AWS_SECRET])


NEGATIVES: list[str] = [
    "Please use the password reset link on the intranet.",
    "Your password must be at least 12 characters long.",
    "The password is changed every 90 days.",
    "Passwords: see the IT policy, section 4.2.",
    "Forgotten your password? Call the service desk on 0300 123 4567.",
    "The secret to good writing is clarity.",
    "The key worker visited on 12 March; key stage 2 results are attached.",
    "See https://www.gov.uk/guidance/housing-benefit-claims-2024 for details.",
    "Mailbox: https://user@example.org/inbox and ftp://files.example.org/pub/",
    "Upgrade Python to 3.11.4 and the API to v2.14.0-rc1.",
    "Invoice INV-2026-004512, PO 4500123456, case ref HSG/2026/000731.",
    f"Request id {UUID} was logged by the portal.",
    "Brand colours: #1D70B8, #FFDD00 and #0B0C0C.",
    "Fixed in commit 3f9a2b1c4d5e6f708192a3b4c5d6e7f8091a2b3c last week.",
    "def login(username: str, password: str) -> bool:",
    "password = os.environ['DB_PASSWORD']",
    'password = get_secret("db")',
    "password: ********",
    "DB_PASSWORD=${DB_PASSWORD}",
    'api_key = "<your API key here>"',
    "PASSWORD_RESET_URL=https://portal.example.org/reset",
    "max_tokens: 4096\ntoken_count=123456\ntoken_limit: 100000",
    "passport_number: 123456789",
    "We use sk-learn and the task-force-2024-report-final-v2 template.",
    "File it under sk-2024-annual-report-final-version please.",
    "The token is valid for 3600 seconds.",
    "Bearer of this letter is authorised to collect the keys.",
    "The auth flow returns a code; exchange it for a token within 10 minutes.",
    "AKIA is a prefix used by some cloud key IDs.",
    "SELECT * FROM users WHERE password_hash IS NULL;",
    "Secret ballot results: 412 for, 388 against.",
    "Key reference: HSG-2026-000731-ABCDEF; key case FOI-2026-0135-CAB-HOUSING-2.",
    "Key dates: 2026-01-15T09:30:00Z and 2026-02-01; the key file is /etc/ssl/private/server-2024.key",
    "Basic responsibilities include 24-hour cover.",
    "Password (see https://intranet.example.org/it/passwords-2024) must be changed.",
    "password policy review 2024",
    'if token == "lambda": return',
    "user_pass = '%s:%s' % (user, pw)\ncredentials = '{0}:{1}'.format(a, b)",
    "the signature check: if sig != stringEndArchive64Locator:",
    "<token_count>42</token_count>",
    "Run it with -u user:name to switch accounts.",
    "key: app.kubernetes.io/name",
    "The key is communication; the network key stage is next.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_text_has_no_secret(detector: SecretsDetector, text: str) -> None:
    findings = detector.detect(text)
    assert findings == [], [(f.label, text[f.start : f.end]) for f in findings]


def test_invalid_jwt_shape_is_ignored(detector: SecretsDetector) -> None:
    assert detector.detect("eyJnotjson.eyJalsonot.abc") == []


def test_nested_candidates_collapse_to_one_finding(detector: SecretsDetector) -> None:
    findings = detector.detect(f'OPENAI_API_KEY="{OPENAI_PROJECT}"')
    assert [(f.label, f.end - f.start) for f in findings] == [("openai_api_key", len(OPENAI_PROJECT))]


def test_findings_are_sorted_value_free_findings(detector: SecretsDetector) -> None:
    text = f"password: hunter2\ntoken {GITHUB_CLASSIC}\n"
    findings = detector.detect(text)
    assert findings == sorted(findings, key=lambda f: f.start)
    assert all(isinstance(f, Finding) and 0 < f.score <= 1 for f in findings)


KEY_VALUE = fake(ALNUM, 30)
# (pathological input, how many secrets it holds, the text each finding covers or None). Speed: bench/.
PATHOLOGICAL: list[tuple[str, int, str | None]] = [
    ("a" * 50_000, 0, None),
    ("password" + "1" * 20_000 + "X", 0, None),
    ("password=" + " " * 20_000 + "x", 0, None),
    (";password=" + " " * 20_000, 0, None),
    ("x://" + "a" * 20_000 + ":" + "b" * 20_000, 0, None),
    (("-" * 5 + "BEGIN PRIVATE KEY" + "-" * 5 + "\n") * 2_000, 2_000, "-" * 5 + "BEGIN PRIVATE KEY" + "-" * 5),
    ("aws " * 5_000 + "key", 0, None),
    (("key " + KEY_VALUE + " ") * 1_000, 1_000, KEY_VALUE),
]


@pytest.mark.parametrize(("text", "count", "covers"), PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_pathological_inputs_are_read_correctly(detector: SecretsDetector, text: str, count: int,
                                                covers: str | None) -> None:
    found = detector.detect(text)
    assert len(found) == count
    assert {f.entity for f in found} <= {"SECRET"}
    if covers is not None:
        assert {text[f.start:f.end] for f in found} == {covers}
