"""Contact-detail recognizers: email addresses, UK phone numbers, IP addresses.

All offline: the email TLD check uses tldextract's bundled public-suffix snapshot (no fetch, no disk
cache); phone numbers use Google's libphonenumber port (`phonenumbers`).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

import phonenumbers
import regex
import tldextract
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

_CI = regex.IGNORECASE | regex.MULTILINE


@lru_cache(maxsize=1)
def _offline_extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


def warm() -> None:
    """Parse the bundled public-suffix snapshot now (about 0.3 s, once per process) rather than on the
    first request that holds an email address."""
    _offline_extractor()("example.org")


class StewardEmailRecognizer(PatternRecognizer):
    """RFC-ish email address whose domain ends in a real public suffix (checked offline)."""

    def __init__(self) -> None:
        pattern = r"(?<![\w.+-])[A-Z0-9._%+'-]+@(?:[A-Z0-9-]+\.)+[A-Z]{2,24}\b"
        super().__init__(
            supported_entity="EMAIL_ADDRESS", name="StewardEmailRecognizer",
            patterns=[Pattern("email", pattern, 0.5)], global_regex_flags=_CI,
        )

    def validate_result(self, pattern_text: str) -> bool:
        domain = pattern_text.rsplit("@", 1)[-1]
        return bool(_offline_extractor()(domain).suffix)


class StewardIpAddressRecognizer(PatternRecognizer):
    """IPv4 / IPv6 validated with `ipaddress`; dotted runs longer than an address (versions) are left."""

    def __init__(self) -> None:
        v4 = r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)"
        v6 = r"(?<![\w:.])(?:[0-9A-F]{1,4}:){1,7}(?::|(?::[0-9A-F]{1,4}){1,7}|[0-9A-F]{1,4})(?![\w:])"
        super().__init__(
            supported_entity="IP_ADDRESS", name="StewardIpAddressRecognizer",
            patterns=[Pattern("ipv4", v4, 0.6), Pattern("ipv6", v6, 0.6)], global_regex_flags=_CI,
        )

    def validate_result(self, pattern_text: str) -> bool:
        if ":" in pattern_text and pattern_text.count(":") < 3 and "::" not in pattern_text:
            return False        # times such as 10:30 or 10:00:00
        try:
            ipaddress.ip_address(pattern_text)
        except ValueError:
            return False
        return True


_UK_SHAPED = regex.compile(
    r"(?<![\w+])(?:\+44 ?\(?0?\)? ?|\(?0)(?:[1-37-9]\d{1,4})\)?[ -]?\d{3,4}[ -]?\d{3,4}(?!\d)"
)


# Only stretches with 7+ digits (allowing phone punctuation) can hold a number; the matcher runs on those.
_VALID = phonenumbers.Leniency.VALID
_DIGIT_WINDOW = regex.compile(r"\+?\(?\d(?:[ \t().-]{0,3}\d){6,}")


class StewardPhoneRecognizer:
    """UK (and international) phone numbers via libphonenumber, plus UK-shaped numbers whose length is
    possible for their range even if the range is not (yet) allocated."""

    name = "StewardPhoneRecognizer"
    ENTITY = "PHONE_NUMBER"

    def __init__(self, region: str = "GB") -> None:
        self.region = region

    def analyze(self, text: str) -> list[RecognizerResult]:
        found: list[RecognizerResult] = []
        for window in _DIGIT_WINDOW.finditer(text):
            lo, hi = max(0, window.start() - 4), window.end()
            matcher = phonenumbers.PhoneNumberMatcher(text[lo:hi], self.region, leniency=_VALID)
            found.extend(RecognizerResult(self.ENTITY, lo + m.start, lo + m.end, 0.9) for m in matcher)
        for m in _UK_SHAPED.finditer(text):
            if any(r.start <= m.start() < r.end for r in found):
                continue
            try:
                number = phonenumbers.parse(m.group(), self.region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_possible_number(number):
                found.append(RecognizerResult(self.ENTITY, m.start(), m.end(), 0.6))
        return found
