"""`steward` command line: serve, keys, config check, db upgrade.

Exit codes: 0 success; 1 the check failed (`config check` found problems, `keys revoke` found no active key,
`audit verify` found a broken chain); 2 a usage or start-up error (bad arguments, unreadable or invalid
configuration, unknown use case or role, missing file, database or port unavailable), printed as one line
on stderr with its fix; 3 `scan` found data its use case blocks.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from config.loader import ConfigError, LoadedConfig, load_config
from config.settings import Settings
from proxy.identity.auth import digest_key

T = TypeVar("T")
EXIT_CODES = ("exit codes: 0 ok; 1 check failed (config check, keys revoke, audit verify); 2 usage or start-up "
              "error (one line on stderr with its fix); 3 scan found data its use case blocks")
Command = Callable[[argparse.Namespace], int]


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(config_path=Path(args.config) if getattr(args, "config", None) else None)


def _load(settings: Settings) -> LoadedConfig:
    try:
        return load_config(settings.config_path)
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise SystemExit(2) from exc


def _run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def _fail(message: str) -> int:
    print(f"steward: {message}", file=sys.stderr)
    return 2


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from proxy.app import create_app
    from proxy.http.logging import configure_logging
    from proxy.ops.bootstrap import ensure_demo_key
    from proxy.ops.preflight import bind_problem, config_problems, config_warnings, database_problem

    settings = _settings(args)
    loaded = _load(settings)
    configure_logging(settings.log_level, settings.log_format)
    problems = config_problems(loaded.config) + [p for p in (bind_problem(args.host, args.port),) if p]
    if not problems:
        problem = _run(database_problem(settings, loaded.config))
        problems = [problem] if problem else []
    for problem in problems:
        _fail(problem)
    if problems:
        return 2
    for warning in config_warnings(loaded.config):
        print(f"steward: warning: {warning}", file=sys.stderr)
    if settings.config_path is not None:
        os.environ["STEWARD_CONFIG"] = str(settings.config_path)
    _run(ensure_demo_key(settings, loaded))
    print(f"steward: serving on http://{args.host}:{args.port} (API at /v1, docs at /docs)", file=sys.stderr)
    if args.workers > 1:
        uvicorn.run("proxy.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                    log_config=None, access_log=False, loop="uvloop", http="httptools",
                    proxy_headers=False)
    else:
        uvicorn.run(create_app(settings, loaded), host=args.host, port=args.port, log_config=None, proxy_headers=False,
                    access_log=False, loop="uvloop", http="httptools")
    return 0


def cmd_keys_create(args: argparse.Namespace) -> int:
    from proxy.ops.bootstrap import create_key

    settings = _settings(args)
    loaded = _load(settings)
    unknown = [r for r in args.role if r not in loaded.config.roles]
    if unknown:
        print(f"unknown role(s) {unknown}; the configuration defines {sorted(loaded.config.roles)}", file=sys.stderr)
        return 2
    key_id, secret = _run(create_key(settings, loaded, args.user, args.role, args.department, args.name))
    print(f"Created key '{key_id}' for user '{args.user}' (roles: {', '.join(args.role)}). "
          "It is shown once and stored only as a digest:")
    print(secret)
    return 0


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    from proxy.ops.bootstrap import revoke_key

    settings = _settings(args)
    revoked = _run(revoke_key(settings, _load(settings), args.key_id))
    print(f"revoked key '{args.key_id}'" if revoked else f"no active key '{args.key_id}'")
    return 0 if revoked else 1


def cmd_keys_list(args: argparse.Namespace) -> int:
    from proxy.ops.bootstrap import list_keys

    settings = _settings(args)
    print("ID\tUSER\tROLES\tDEPARTMENT\tSTATUS\tCREATED\tLAST_USED")
    for line in _run(list_keys(settings, _load(settings))):
        print(line)
    return 0


def cmd_keys_digest(args: argparse.Namespace) -> int:
    key = sys.stdin.readline().strip()
    if not key:
        print("read no key on standard input", file=sys.stderr)
        return 2
    print(digest_key(key))
    return 0


def cmd_config_check(args: argparse.Namespace) -> int:
    try:
        loaded = load_config(args.file)
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    config = loaded.config
    from proxy.ops.preflight import config_problems, config_warnings

    problems = config_problems(config)
    for problem in problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    for warning in config_warnings(config):
        print(f"{args.file}: warning: {warning}", file=sys.stderr)
    if problems:
        return 1
    print(f"{args.file}: OK ({len(config.tools)} tools, {len(config.roles)} roles, {len(config.keys)} declared keys; "
          f"policy version {loaded.digest})")
    return 0


def cmd_config_schema(args: argparse.Namespace) -> int:
    from config.schema import schema_text

    text = schema_text()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_scan(args: argparse.Namespace) -> int:
    from proxy.http.logging import configure_logging
    from proxy.ops.cli_scan import ScanInputError, scan_file

    settings = _settings(args)
    configure_logging("warning", settings.log_format)  # stdout carries the JSON report alone
    try:
        return scan_file(_load(settings), Path(args.file), args.use_case)
    except ScanInputError as exc:
        return _fail(str(exc))


def cmd_set_status(args: argparse.Namespace) -> int:
    from proxy.ops.bootstrap import set_status

    settings = _settings(args)
    kind = "tool" if args.group == "tools" else "use_case"
    status = {"pause": "paused", "withdraw": "withdrawn", "approve": "approved"}[args.verb]
    error = _run(set_status(settings, _load(settings), kind, args.target, status, args.reason))
    if error:
        print(error, file=sys.stderr)
        return 2
    print(f"{kind.replace('_', ' ')} '{args.target}' is now {status} on every replica (within the poll interval)")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    import getpass

    from audit import cli_ops

    settings = _settings(args)
    loaded = _load(settings)
    url = settings.resolve_database_url(loaded.config.gateway.audit.url)
    if args.audit_command == "verify":
        return _run(cli_ops.verify(url))
    actor = args.actor or f"cli:{getpass.getuser()}"
    return _run(cli_ops.purge(url, actor=actor, delete_records=args.delete_records))


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from proxy.ops.bootstrap import upgrade_database

    settings = _settings(args)
    print(_run(upgrade_database(settings, _load(settings))))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from proxy import __version__

    parser = argparse.ArgumentParser(prog="steward", description="Steward GenAI policy gateway",
                                     epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"steward {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the gateway")
    serve.add_argument("--config", help="policy YAML (default: $STEWARD_CONFIG or the embedded default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.set_defaults(func=cmd_serve)

    keys = sub.add_parser("keys", help="manage caller keys").add_subparsers(dest="keys_command", required=True)
    create = keys.add_parser("create", help="create a key; prints it alone on the last line")
    create.add_argument("--user", required=True)
    create.add_argument("--role", required=True, action="append", help="repeat for several roles")
    create.add_argument("--department", default="")
    create.add_argument("--name", default="", help="display name")
    create.add_argument("--config")
    create.set_defaults(func=cmd_keys_create)
    revoke = keys.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id")
    revoke.add_argument("--config")
    revoke.set_defaults(func=cmd_keys_revoke)
    listing = keys.add_parser("list", help="list keys (ids and owners, never secrets)")
    listing.add_argument("--config")
    listing.set_defaults(func=cmd_keys_list)
    digest = keys.add_parser("digest", help="print the digest of a key read from stdin (for YAML `keys:`)")
    digest.set_defaults(func=cmd_keys_digest)

    cfg = sub.add_parser("config", help="configuration tools").add_subparsers(dest="config_command", required=True)
    check = cfg.add_parser("check", help="validate a policy YAML file")
    check.add_argument("file")
    check.set_defaults(func=cmd_config_check)
    schema = cfg.add_parser("schema", help="print the JSON Schema of the policy file (for editors)")
    schema.add_argument("--out", help="write to this file instead of stdout")
    schema.set_defaults(func=cmd_config_schema)

    scan = sub.add_parser("scan", help="dry run: print findings and the transformed text of FILE ('-' = stdin)")
    scan.add_argument("file")
    scan.add_argument("--config")
    scan.add_argument("--use-case", help="use case whose data handling applies (default: the default use case)")
    scan.set_defaults(func=cmd_scan)

    for group, label in (("tools", "tool"), ("use-cases", "use case")):
        verbs = sub.add_parser(group, help=f"pause, withdraw or approve a {label} (clause 11.4)")
        verb_sub = verbs.add_subparsers(dest="verb", required=True)
        for verb in ("pause", "withdraw", "approve"):
            cmd = verb_sub.add_parser(verb, help=f"{verb} a {label} on every replica")
            cmd.add_argument("target", help=f"{label} id")
            cmd.add_argument("--reason", required=True)
            cmd.add_argument("--config")
            cmd.set_defaults(func=cmd_set_status, group=group)

    audit = sub.add_parser("audit", help="audit store tools").add_subparsers(dest="audit_command", required=True)
    verify = audit.add_parser("verify", help="check the hash chain; reports the first broken record")
    verify.add_argument("--config")
    verify.set_defaults(func=cmd_audit)
    purge = audit.add_parser("purge", help="delete expired content now (legal holds respected; receipt kept)")
    purge.add_argument("--config")
    purge.add_argument("--delete-records", action="store_true", help="also delete whole expired records")
    purge.add_argument("--actor", help="who is purging (default cli:<user>)")
    purge.set_defaults(func=cmd_audit)

    db = sub.add_parser("db", help="database tools").add_subparsers(dest="db_command", required=True)
    up = db.add_parser("upgrade", help="apply schema migrations")
    up.add_argument("--config")
    up.set_defaults(func=cmd_db_upgrade)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Command = args.func
    return func(args)


if __name__ == "__main__":
    raise SystemExit(main())
