"""What a column header or record key says about the values under it, and which values fit.

`classify_key("Date of Birth (dd/mm/yyyy)")` -> Field("DATE_OF_BIRTH", ""); `classify_key("clientSurname")`
-> Field("PERSON", "family_name"). Keys are split into words (spaces, snake_case, camelCase, kebab-case,
dots), lower-cased, parenthesised hints dropped; the words are matched against the common ways forms,
spreadsheets, databases and APIs label a person's fields. A key whose last word is "name" is a
person's name only when the words before it name a person or a name part (`client_name`,
`first_name`); any other prefix (`company_name`, `file_name`) is not. A bare `name` (or a role key
such as `tenant`) is `strict`: its value must look like a person's name and the record must hold
another personal field, unless the value itself reads as a person's name to the name lexicon (a
known given name, then words that are names or no dictionary word: "Rosalind Achterberg").

Short keys that abbreviate a name field (`fn`, `sn`, `ln`, `nm`, a bare `first` / `last`, `cust_nm`)
are ambiguous in code (`fn` is also "function", `sn` "serial number"), so they are `abbreviated`: the
value counts when the record holds another personal field or the lexicon backs it as a name.

`fit(field, value)` returns the part of a value (start, end within the value) that is the personal
data, or None when the value does not have the field's shape (placeholders, empty values, a number
under a name key, a non-date under a date-of-birth key).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex


@dataclass(frozen=True, slots=True)
class Field:
    entity: str
    label: str = ""
    strict: bool = False
    abbreviated: bool = False


_SPLIT = regex.compile(r"\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\d+")
_PAREN = regex.compile(r"\([^)]*\)|\[[^\]]*\]")

_GIVEN = frozenset({"forename", "forenames", "firstname", "givenname", "givennames", "fname", "christianname"})
_FAMILY = frozenset({"surname", "surnames", "lastname", "familyname", "lname", "maidenname", "sname"})
# abbreviations of a name key: the whole key ("fn") or its last word ("cust_nm" = customer name)
_GIVEN_ABBREV = frozenset({"fn", "gn", "fnm", "forenm", "frst", "first", "given", "fore"})
_FAMILY_ABBREV = frozenset({"sn", "ln", "lnm", "snm", "surnm", "last", "family", "fam"})
_NAME_ABBREV = frozenset({"nm", "nme", "nam"})
# nouns that only ever name a person by the part they play in a service or a legal process: a column or
# key of one of them holds that person's name ("borrower", "licensee", "deceased")
_PERSON_NOUNS = (
    " borrower licensee licencee leaseholder freeholder lessee lodger occupier keeper debtor guarantor payer"
    " ratepayer taxpayer elector voter learner student trainee apprentice volunteer donor deceased informant"
    " respondent appellant defendant claimant petitioner objector attendee visitor passenger driver"
    " patient adopter fosterer foster childminder husband wife widow widower fiance fiancee bride groom"
)
_GIVEN_PREFIX = frozenset({"first", "given", "fore", "christian", "preferred", "known", "f", "frst"})
_MIDDLE_PREFIX = frozenset({"middle", "other", "second"})
_FAMILY_PREFIX = frozenset({"last", "family", "sur", "maiden", "birth", "l", "lst", "fam"})
_PERSON_ROLES = frozenset(
    "full legal person patient client resident tenant applicant claimant customer service user pupil student"
    " child parent carer guardian mother father spouse partner kin nok contact caller complainant member"
    " employee staff officer worker subject individual citizen occupant householder landlord leaseholder"
    " witness victim offender suspect referrer requester author recipient sender owner holder signatory"
    " beneficiary dependant dependent emergency next"
    # common abbreviations of the same roles in column and variable names
    " cust usr emp pt pat cl clt cli res appl stu ee".split()
) | frozenset(_PERSON_NOUNS.split())
_ROLE_ONLY = frozenset(
    "patient client resident tenant applicant claimant customer pupil child parent carer guardian mother father"
    " spouse occupant householder complainant person individual contact".split()
) | frozenset(_PERSON_NOUNS.split())
_ROLE_PHRASE_WORDS = frozenset(
    {"service", "user", "next", "of", "kin", "nok", "young", "person", "head", "household", "emergency", "contact"}
    # words that say which of several people in a role a column holds ("lead applicant", "joint tenant",
    # "alleged perpetrator", "main contact", "applicant 2")
    | {"lead", "joint", "main", "primary", "secondary", "alleged", "named", "second", "other", "additional",
       "previous", "former", "current", "sole", "registered", "nominated", "the", "staff"}
)
# roles that hold a person's name as a column of their own, besides those of `_ROLE_ONLY`
_MORE_ROLES = frozenset("nok kin partner member employee witness victim perpetrator suspect offender".split())
# keys naming the member of staff or account behind a record: a person's name or a username made of
# one ("caseworker: Ann Lee", "user=ann.lee"), but as often a team or a system account, so abbreviated
_STAFF_KEYS = frozenset(
    "manager caseworker worker keyworker officer assessor author owner assignee assigned reviewer approver"
    " supervisor handler agent advisor adviser user username login userid uid requester requestor"
    " createdby updatedby modifiedby submittedby".split()
)
_STAFF_PREFIX = frozenset({"social", "case", "key", "line", "account", "assigned", "created", "updated"})
_DOB = frozenset(
    {"dob", "dateofbirth", "birthdate", "birthday", "bday", "born", "dobirth", "datebirth", "birthdt", "dtbirth", "yob",
     # the same label in the other languages of UK records and imported data (German, French, Spanish,
     # Italian, Portuguese, Dutch, Polish, Welsh)
     "geb", "geboren", "geburtsdatum", "geburtstag", "naissance", "datenaissance", "nacimiento",
     "fechanacimiento", "nascita", "datanascita", "nascimento", "geboortedatum", "urodzenia", "dataurodzenia",
     "dyddiadgeni", "ganwyd"}
)
# words that make a key with "birth" in it about something else than the date ("place_of_birth")
_NOT_BIRTH_DATE = frozenset(
    "place country town city county nationality weight order name names certificate cert rate rates control"
    " sex gender".split()
)
# the date part of a birth-date key, spelled out or abbreviated ("birth_dt", "dt_of_birth", "birth_on")
_DATE_WORDS = frozenset({"date", "day", "d", "dt", "dte", "dat", "on", "when", "yr", "year", "ymd", "dmy", "iso"})
_NOT_ADDRESS = frozenset(
    "email mail e ip mac web url http https server host wallet memory bitcoin ethereum hardware network"
    # words that make the key about an address rather than the address itself
    " proof evidence type status verified verification confirmed check format valid validation count"
    " change changed same match matches".split()
)
_POSTCODE = frozenset({"postcode", "postalcode", "zip", "zipcode", "postcodes"})
_NINO = frozenset({"nino", "ninos", "ninumber", "ninonumber", "nins", "natinsno", "nationalinsno"})
_PHONE_WORDS = frozenset({"phone", "tel", "telephone", "mobile", "mob", "cell", "landline", "cellphone", "fax"})
_NUMBER_WORDS = frozenset({"number", "no", "num", "nr"})


def key_words(key: str) -> tuple[str, ...]:
    """Words of a key in lower case ("DateOfBirth" -> date of birth, "d.o.b" -> dob)."""
    key = _PAREN.sub(" ", key).replace("’", "'").replace("'s", "")
    key = regex.sub(r"(?<=\b\w)\.(?=\w\b)", "", key)        # d.o.b -> dob, n.i. -> ni
    return tuple(w.lower() for w in _SPLIT.findall(key))


# Welsh field labels of bilingual council forms and tables (Welsh is an official language of Welsh
# public bodies): read as their English equivalents.
_WELSH_KEYS = {
    ("enw",): "name", ("cyfenw",): "surname", ("enw", "cyntaf"): "first name", ("enwau", "cyntaf"): "first names",
    ("enw", "llawn"): "full name", ("dyddiad", "geni"): "date of birth", ("cod", "post"): "postcode",
    ("cyfeiriad",): "address", ("rhif", "ffôn"): "phone number", ("rhif", "ffon"): "phone number",
    ("ebost",): "email", ("e", "bost"): "email", ("rhif", "yswiriant", "gwladol"): "national insurance number",
    ("rhif", "gig"): "nhs number",
}
# name labels in the other languages of imported records and exported spreadsheets (German, French,
# Spanish, Italian, Portuguese, Dutch, Polish): read as their English equivalents
_FOREIGN_NAME_KEYS = {
    ("vorname",): "first name", ("vornamen",): "first names", ("nachname",): "surname",
    ("familienname",): "surname", ("zuname",): "surname", ("prénom",): "first name", ("prenom",): "first name",
    ("nom", "de", "famille"): "surname", ("nombre",): "first name", ("apellido",): "surname",
    ("apellidos",): "surname", ("cognome",): "surname", ("sobrenome",): "surname", ("voornaam",): "first name",
    ("achternaam",): "surname", ("imię",): "first name", ("imie",): "first name", ("nazwisko",): "surname",
}


@lru_cache(maxsize=4096)
def classify_key(key: str) -> Field | None:
    words = key_words(key)
    if words in _WELSH_KEYS:
        words = key_words(_WELSH_KEYS[words])
    elif words in _FOREIGN_NAME_KEYS:
        words = key_words(_FOREIGN_NAME_KEYS[words])
    if not words or len(words) > 6:
        return None
    field = _name_field(words) or _other_field(words)
    if field is not None and field.entity == "PERSON" and field.label == "full_name" and "(" in key:
        hint = _hinted_part(key)                           # "Client (surname)": the hint names the part
        return Field("PERSON", hint, field.strict, field.abbreviated) if hint else field
    return field


def _hinted_part(key: str) -> str | None:
    for m in _PAREN.finditer(key):
        field = _name_field(key_words(m.group()[1:-1]) or ("",))
        if field is not None and field.label in ("given_name", "family_name"):
            return field.label
    return None


def _birth_date_words(words: tuple[str, ...]) -> bool:
    """A key about a birth that is not about its place, weight, certificate or parents is its date: with a
    date word ("birth_dt", "dt_of_birth", "year_of_birth") or alone ("birth"; the value must be a date)."""
    if "birth" not in words or set(words) & _NOT_BIRTH_DATE:
        return False
    rest = [w for w in words if w not in ("birth", "of", "the")]
    return all(w in _DATE_WORDS or w in _PERSON_ROLES for w in rest)


# the last word of a key whose values name a place, a building or an organisation ("site", "venue",
# "home_library", "employer"): a name-shaped value there ("Victoria Hall", "Grace Darling House") is no person
_THING_KEYS = frozenset(
    "site sites venue venues location locations place places premises property properties street road ward"
    " wards area areas town city village district borough county region estate school college academy library"
    " hall centre center team department dept directorate service organisation organization org company"
    " employer business shop store club church park building office branch depot supplier provider"
    " contractor vendor charity practice surgery hospital station route destination origin parish"
    " constituency landmark facility facilities room hub base zone neighbourhood locality patch".split()
)


def names_a_thing(key: str) -> bool:
    """Does the key say its values are places, buildings or organisations (and not a person's field)?"""
    words = key_words(key)
    if not words or words[-1] not in _THING_KEYS:
        return False
    field = classify_key(key)
    return field is None or field.entity != "PERSON"


def is_personal_key(key: str) -> bool:
    return classify_key(key) is not None


def _name_field(words: tuple[str, ...]) -> Field | None:
    if words[-1] in _NAME_ABBREV:
        field = _name_field((*words[:-1], "name"))
        return None if field is None else Field(field.entity, field.label, field.strict, abbreviated=True)
    joined = "".join(words)
    if len(words) == 1 and joined in _GIVEN_ABBREV:
        return Field("PERSON", "given_name", abbreviated=True)
    if len(words) == 1 and joined in _FAMILY_ABBREV:
        return Field("PERSON", "family_name", abbreviated=True)
    if any(w in _GIVEN for w in words) or joined in _GIVEN:
        return Field("PERSON", "given_name")
    if any(w in _FAMILY for w in words) or joined in _FAMILY:
        return Field("PERSON", "family_name")
    if words[-1] in ("name", "names"):
        prefix = words[:-1]
        if not prefix:
            return Field("PERSON", "full_name", strict=True)
        if prefix[-1] in _GIVEN_PREFIX:
            return Field("PERSON", "given_name")
        if prefix[-1] in _MIDDLE_PREFIX:
            return Field("PERSON", "middle_name")
        if prefix[-1] in _FAMILY_PREFIX:
            return Field("PERSON", "family_name")
        if prefix == ("display",) or prefix[-2:] == ("service", "user"):
            return Field("PERSON", "full_name", strict=prefix == ("display",))
        if all(w in _PERSON_ROLES or w in ("of", "the") for w in prefix):
            return Field("PERSON", "full_name")
        return None
    if joined in _STAFF_KEYS or (len(words) == 2 and words[-1] in _STAFF_KEYS and words[0] in _STAFF_PREFIX):
        return Field("PERSON", "full_name", abbreviated=True)
    if words[0] == "name" and len(words) >= 3 and words[1] == "of" and all(
        w in _PERSON_ROLES or w in _ROLE_PHRASE_WORDS for w in words[2:]
    ):                                                      # "name of child", "name of the deceased"
        return Field("PERSON", "full_name")
    if "".join(words) in _MORE_ROLES:                       # "NoK" splits as "no k"
        return Field("PERSON", "full_name", strict=True)
    roles = [w for w in words if not w.isdigit()]          # "applicant 2", "tenant1"
    if roles and len(roles) <= 3 and all(
        w in _ROLE_ONLY or w in _MORE_ROLES or w in _ROLE_PHRASE_WORDS for w in roles
    ) and any(w in _ROLE_ONLY or w in _MORE_ROLES or w in ("kin", "person", "household", "contact") for w in roles):
        return Field("PERSON", "full_name", strict=True)
    return None


def _other_field(words: tuple[str, ...]) -> Field | None:
    joined = "".join(words)
    if joined in _DOB or any(w in _DOB for w in words) or _birth_date_words(words):
        return Field("DATE_OF_BIRTH")
    if ("address" in words or "addr" in words or joined.startswith("addressline")) and not (
        set(words) & _NOT_ADDRESS
    ):
        return Field("STREET_ADDRESS")
    if joined in ("street", "streetaddress", "homeaddress", "residence") or words[:2] == ("address", "line"):
        return Field("STREET_ADDRESS")
    if joined in _POSTCODE or words[-2:] == ("post", "code"):
        return Field("UK_POSTCODE")
    if joined in _NINO or (words[0] == "ni" and (len(words) == 1 or words[1] in _NUMBER_WORDS)) or (
        words[:2] == ("national", "insurance")
    ):
        return Field("UK_NINO")
    if "nhs" in words and (len(words) == 1 or set(words) & _NUMBER_WORDS):
        return Field("UK_NHS")
    if set(words) & _PHONE_WORDS or joined in ("contactnumber", "contactno", "phoneno"):
        return Field("PHONE_NUMBER")
    if joined in ("sortcode", "sortcodes") or words[:2] == ("sort", "code"):
        return Field("UK_BANK_SORT_CODE")
    if words[0] in ("account", "acc", "acct", "bank") and len(words) >= 2 and words[-1] in _NUMBER_WORDS:
        return Field("UK_BANK_ACCOUNT")
    if "passport" in words and (len(words) == 1 or set(words) & _NUMBER_WORDS):
        return Field("UK_PASSPORT")
    return None


# ---- values -------------------------------------------------------------------------------------

_NULLISH = frozenset(
    "null none nil n/a na nan - -- --- ? unknown not known not given tbc tba redacted withheld blank empty"
    " true false yes no".split()
)
_PLACEHOLDER = regex.compile(r"^[<\[{].*[>\]}]$|^\*+$|^x+$", regex.IGNORECASE)
_NAME_WORD = regex.compile(r"^\p{L}[\p{L}'’.-]*$")
_NOT_NAME_WORDS = frozenset(
    "team teams department dept council service services office unit ltd limited plc llp inc group trust"
    " board committee school college hospital surgery practice centre center house street road lane avenue"
    " project programme system admin administrator support desk helpdesk reception housing finance the and"
    " of for default test example sample unknown anonymous other none all general manager function tool".split()
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_IN_VALUE = regex.compile(
    rf"(?i)\b(?:\d{{1,4}}[-/. ]\d{{1,2}}[-/. ]\d{{1,4}}(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?Z?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?: of)?[ -]{_MONTH},?[ -]\d{{2,4}}|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|{_MONTH},? \d{{4}}|(?:19|20)\d{{6}}|(?:19|20)\d{{2}})\b"
)
_POSTCODE_SHAPE = regex.compile(r"(?i)^[a-z]{1,2}\d[a-z\d]?[ .-]?\d[a-z]{2}$")
_NINO_SHAPE = regex.compile(r"(?i)^[a-z]{2}\d{6}[a-d]?$")
_STREET_WORD = regex.compile(
    r"(?i)\b(?:street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|crescent|rise|grove|place|court|gardens"
    r"|terrace|walk|hill|row|square|parade|view|mews|green|park|house|flat|apartment|cottage|farm|lodge|"
    r"buildings?|tower|mansions|estate|road)\b|\d"
)
_TRAILING_POSTCODE = regex.compile(r"(?i)[ ,]*\b[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}\W*$")


def is_nullish(value: str) -> bool:
    v = value.strip().lower()
    return not v or v in _NULLISH or bool(_PLACEHOLDER.match(v))


def fit(field: Field, value: str) -> tuple[int, int] | None:
    """The span within `value` that is the field's personal data, or None."""
    stripped = value.strip()
    if is_nullish(stripped):
        return None
    lead = len(value) - len(value.lstrip())
    if "+" in stripped and " " not in stripped and not stripped.startswith("+"):
        stripped = stripped.replace("+", " ")      # form encoding writes a space as "+" ("Mary+Ann")
    span = _fit_stripped(field, stripped)
    return None if span is None else (lead + span[0], lead + span[1])


def _fit_stripped(field: Field, v: str) -> tuple[int, int] | None:
    entity = field.entity
    if entity == "PERSON" and field.abbreviated:
        # a staff or account key's value may add a team after the name ("Ann Lee, Older People's Team")
        head = v.split(",", 1)[0].rstrip()
        ok = person_like(head, False) and not any(w.lower() in _NOT_NAME_WORDS for w in head.split())
        return (0, len(head)) if ok else None
    if entity == "PERSON":
        return (0, len(v)) if person_like(v, field.strict) else None
    if entity == "DATE_OF_BIRTH":
        m = _DATE_IN_VALUE.search(v)
        return (m.start(), m.end()) if m else None
    if entity == "STREET_ADDRESS":
        return _address_part(v)
    compact = regex.sub(r"[\s.-]", "", v)
    if entity == "UK_POSTCODE":
        return (0, len(v)) if _POSTCODE_SHAPE.match(v) else None
    if entity == "UK_NINO":
        return (0, len(v)) if _NINO_SHAPE.match(compact) else None
    if entity == "UK_NHS":
        return (0, len(v)) if compact.isdigit() and len(compact) == 10 else None
    if entity == "PHONE_NUMBER":
        digits = regex.sub(r"[\s().+-]", "", v)
        return (0, len(v)) if digits.isdigit() and 7 <= len(digits) <= 15 else None
    if entity == "UK_BANK_SORT_CODE":
        return (0, len(v)) if compact.isdigit() and len(compact) == 6 else None
    if entity == "UK_BANK_ACCOUNT":
        return (0, len(v)) if compact.isdigit() and 7 <= len(compact) <= 10 else None
    if entity == "UK_PASSPORT":
        return (0, len(v)) if regex.fullmatch(r"(?i)\d{9}|[a-z]{2}\d{7}", compact) else None
    return None


def person_like(value: str, strict: bool) -> bool:
    """Words that can be a person's name: letters only, at most five words (four when strict), none of
    them an organisation or function word; strict single words must be capitalised."""
    words = value.replace(",", " ").split()
    if not words or len(words) > (4 if strict else 5) or len(value) > 60:
        return False
    if not all(_NAME_WORD.match(w) for w in words):
        return False
    if strict:
        if any(w.lower().strip(".") in _NOT_NAME_WORDS for w in words):
            return False
        if len(words) == 1 and not words[0][0].isupper():
            return False
    return True


def _address_part(v: str) -> tuple[int, int] | None:
    """The address without a trailing postcode and town (comma-separated parts with no number or
    street/building word), which other detectors or nobody need to remove."""
    if "@" in v or "://" in v or not any(c.isalpha() for c in v) or len(v) > 200:
        return None
    end = len(v)
    m = _TRAILING_POSTCODE.search(v)
    if m and m.start() > 0:
        end = m.start()
    parts = v[:end].split(",")
    while len(parts) > 1 and not _STREET_WORD.search(parts[-1]):
        parts.pop()
    body = ",".join(parts).rstrip(" ,")
    return (0, len(body)) if body and _STREET_WORD.search(body) and any(c.isalpha() for c in body) else None
