"""Steward's gateway: the HTTP app, the request pipeline, the CLI."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("steward-gateway")
except PackageNotFoundError:  # run from a source tree that is not installed
    __version__ = "0+source"
