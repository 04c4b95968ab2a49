"""Writing a workbook cell's value as Excel displays it, from the cell's number format.

Owns the small part of Excel's number-format language that chronologies use: date and time
codes (`dd/mm/yyyy`, `d mmm yyyy`, `yyyy-mm-dd hh:mm`, `mmm yyyy`, `[h]:mm`), fixed decimals,
thousands separators and percentages, and "General". The text is what Excel's own "Save As CSV"
writes for the cell, so a workbook and the CSV saved from it read as the same rows.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

# Built-in formats whose display follows the computer's regional settings. openpyxl reports
# them by their US spelling; agencies here run Excel with UK settings, so that is what they see.
_REGIONAL = {
    "mm-dd-yy": "dd/mm/yyyy",
    "m/d/yy h:mm": "dd/mm/yyyy hh:mm",
    "m/d/yy": "dd/mm/yyyy",  # the short date as xlrd spells it, reading an .xls
    "[$-f800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy": "dddd, d mmmm yyyy",
    "[$-f400]h:mm:ss\\ am/pm": "hh:mm:ss",
}
# Month and day names as UK Excel shows them (the short forms are their first three letters);
# spelled out, not taken from `calendar`, whose names follow the server's locale.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# One code of a date format, longest spellings first; anything else is literal text.
_CODE = re.compile(
    r'"(?P<quoted>[^"]*)"|\\(?P<escaped>.)|_(?P<space>.)|\*(?P<fill>.)'
    r"|\[(?P<elapsed>h+|m+|s+)\]|\[(?P<bracket>[^\]]*)\]"
    r"|(?P<ampm>am/pm|a/p)|(?P<fraction>\.0+)"
    r"|(?P<code>y+|m+|d+|h+|s+|e|g+|b+)",
    re.IGNORECASE,
)
_DATE_LETTERS = re.compile(r"[ymdhse]", re.IGNORECASE)
_NUMBER_DIGITS = re.compile(r"[0#?][0#?,]*(?:\.([0#?]+))?")


@dataclass(frozen=True)
class _Token:
    kind: str  # "text", or a code: "y", "m", "d", "h", "s", "ampm", "fraction", "elapsed"
    text: str


def shows_date(number_format: str) -> bool:
    """True when the format shows the day, month or year (not only a time of day)."""
    return any(t.kind in {"y", "m", "d"} for t in _date_tokens(number_format))


def shows_time(number_format: str) -> bool:
    """True when the format shows hours, minutes or seconds."""
    return any(t.kind in {"h", "mi", "s", "elapsed"} for t in _date_tokens(number_format))


def display(value: object, number_format: str) -> str:
    """`value` written as Excel displays it under `number_format`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date | time | timedelta):
        return _display_moment(value, number_format)
    if isinstance(value, int | float):
        return _display_number(float(value), number_format)
    return str(value)


def _display_moment(value: datetime | date | time | timedelta, number_format: str) -> str:
    tokens = _date_tokens(number_format)
    if number_format.lower() in {"", "general", "@"} or all(t.kind == "text" for t in tokens):
        tokens = _date_tokens(_default_format(value))
    if isinstance(value, timedelta):
        moment = datetime(1899, 12, 30) + value
        elapsed = value
    elif isinstance(value, datetime):
        moment, elapsed = value, value - datetime(1899, 12, 30)
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
        elapsed = moment - datetime(1899, 12, 30)
    else:
        moment = datetime.combine(date(1899, 12, 30), value)
        elapsed = moment - datetime(1899, 12, 30)
    # Excel rounds to the smallest unit shown (the second, unless fractions are): 0.0611111
    # of a day, 01:27:59.999, shows as 01:28.
    digits = max((len(t.text) - 1 for t in tokens if t.kind == "fraction"), default=0)
    moment, elapsed = _rounded(moment, digits), _rounded_span(elapsed, digits)
    twelve_hour = any(t.kind == "ampm" for t in tokens)
    return "".join(_render(t, moment, elapsed, twelve_hour) for t in tokens)


def _rounded(moment: datetime, digits: int) -> datetime:
    unit = 10 ** (6 - min(digits, 6))
    return moment.replace(microsecond=0) + timedelta(
        microseconds=round(moment.microsecond / unit) * unit
    )


def _rounded_span(span: timedelta, digits: int) -> timedelta:
    unit = 10 ** (6 - min(digits, 6))
    return timedelta(microseconds=round(span / timedelta(microseconds=unit)) * unit)


def _default_format(value: object) -> str:
    if isinstance(value, datetime):
        return "dd/mm/yyyy hh:mm"
    if isinstance(value, date):
        return "dd/mm/yyyy"
    if isinstance(value, timedelta):
        return "[h]:mm:ss"
    return "hh:mm:ss"


def _render(token: _Token, moment: datetime, elapsed: timedelta, twelve_hour: bool) -> str:
    width = len(token.text)
    if token.kind == "text":
        return token.text
    if token.kind == "y":
        return f"{moment.year:04d}" if width > 2 else f"{moment.year % 100:02d}"
    if token.kind == "m":
        if width >= 5:
            return _MONTHS[moment.month - 1][0]
        if width == 4:
            return _MONTHS[moment.month - 1]
        if width == 3:
            return _MONTHS[moment.month - 1][:3]
        return f"{moment.month:0{width}d}"
    if token.kind == "d":
        if width >= 4:
            return _DAYS[moment.weekday()]
        if width == 3:
            return _DAYS[moment.weekday()][:3]
        return f"{moment.day:0{width}d}"
    if token.kind == "h":
        hour = (moment.hour % 12 or 12) if twelve_hour else moment.hour
        return f"{hour:0{min(width, 2)}d}"
    if token.kind == "mi":
        return f"{moment.minute:0{min(width, 2)}d}"
    if token.kind == "s":
        return f"{moment.second:0{min(width, 2)}d}"
    if token.kind == "fraction":
        digits = width - 1
        return "." + f"{moment.microsecond:06d}"[:digits].ljust(digits, "0")
    if token.kind == "ampm":
        morning = moment.hour < 12
        if token.text.lower() == "a/p":
            return "a" if morning else "p"
        return "AM" if morning else "PM"
    return _elapsed(token.text, elapsed)


def _elapsed(code: str, elapsed: timedelta) -> str:
    seconds = int(elapsed.total_seconds())
    unit = code[0].lower()
    amount = seconds // 3600 if unit == "h" else seconds // 60 if unit == "m" else seconds
    return f"{amount:0{len(code)}d}"


@functools.lru_cache(maxsize=512)
def _date_tokens(number_format: str) -> tuple[_Token, ...]:
    """The date and time codes of the format's first section, with minutes told from months
    (a workbook uses a handful of formats over many cells, so each is parsed once)."""
    tokens = _tokens(_section(_regional(number_format)))
    codes = [i for i, t in enumerate(tokens) if t.kind != "text"]
    for place, i in enumerate(codes):
        if tokens[i].kind != "m" or len(tokens[i].text) > 2:
            continue
        before = tokens[codes[place - 1]].kind if place > 0 else ""
        after = tokens[codes[place + 1]].kind if place + 1 < len(codes) else ""
        # "m" after an hour or before a second is minutes (as in "hh:mm" and "mm:ss").
        if before in {"h", "elapsed"} or after == "s":
            tokens[i] = _Token("mi", tokens[i].text)
    return tuple(tokens)


def _tokens(section: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    for found in _CODE.finditer(section):
        if found.start() > position:
            tokens.append(_Token("text", section[position : found.start()]))
        position = found.end()
        if found["quoted"] is not None:
            tokens.append(_Token("text", found["quoted"]))
        elif found["escaped"] is not None:
            tokens.append(_Token("text", found["escaped"]))
        elif found["space"] is not None:
            tokens.append(_Token("text", " "))
        elif found["elapsed"] is not None:
            tokens.append(_Token("elapsed", found["elapsed"]))
        elif found["ampm"] is not None:
            tokens.append(_Token("ampm", found["ampm"]))
        elif found["fraction"] is not None:
            tokens.append(_Token("fraction", found["fraction"]))
        elif found["code"] is not None:
            code = found["code"]
            letter = code[0].lower()
            if letter in "eb":  # the year in full (an era's year in Excel's other calendars)
                tokens.append(_Token("y", "yyyy"))
            elif letter != "g":  # an era's name, which UK dates never show
                tokens.append(_Token(letter, code))
        # A fill character, a colour or a locale in brackets shows nothing of its own.
    if position < len(section):
        tokens.append(_Token("text", section[position:]))
    return [t for t in tokens if t.kind != "text" or t.text]


def _regional(number_format: str) -> str:
    return _REGIONAL.get(number_format.lower(), number_format)


def _section(number_format: str) -> str:
    """The first of the format's `;`-separated sections (the one for positive values)."""
    inside_quotes = False
    for i, ch in enumerate(number_format):
        if ch == '"':
            inside_quotes = not inside_quotes
        elif ch == ";" and not inside_quotes and (i == 0 or number_format[i - 1] != "\\"):
            return number_format[:i]
    return number_format


def _display_number(value: float, number_format: str) -> str:
    sections = _sections(number_format)
    negative = value < 0 and len(sections) > 1
    plain = _literal(sections[1] if negative else sections[0])
    digits = _NUMBER_DIGITS.search(plain)
    if number_format.lower() in {"", "general", "@"} or digits is None:
        return _general(value)
    if _is_mask(plain) and float(value).is_integer():
        return _masked(int(value), plain)
    shown = abs(value) if negative else value
    percent = "%" in plain
    if percent:
        shown *= 100
    decimals = len(digits[1] or "")
    text = f"{shown:,.{decimals}f}" if "," in digits[0] else f"{shown:.{decimals}f}"
    before, after = plain[: digits.start()], plain[digits.end() :].replace("%", "")
    return f"{before}{text}{after}{'%' if percent else ''}".strip()


_PLACEHOLDERS = re.compile(r"[0#?]+")


def _is_mask(plain: str) -> bool:
    """A whole-number mask: digit places split by literal text ("00/00/0000" showing 15092021
    as 15/09/2021, "000 000 0000" for an NHS number), not a decimal or thousands format."""
    return (
        len(_PLACEHOLDERS.findall(plain)) > 1
        and "." not in plain
        and re.search(r"[0#?],[0#?]", plain) is None
    )


def _masked(number: int, plain: str) -> str:
    """`number`'s digits poured into the mask's places from the right, as Excel shows them: a
    `0` place with no digit left shows 0, `?` a space, `#` nothing; digits beyond the places
    stand before the first."""
    digits = list(str(abs(number)))
    shown: list[str] = []
    for character in reversed(plain):
        if character in "0#?":
            shown.append(digits.pop() if digits else {"0": "0", "?": " ", "#": ""}[character])
        else:
            shown.append(character)
    text = "".join(reversed(shown))
    first = _PLACEHOLDERS.search(plain)
    start = first.start() if first else 0
    sign = "-" if number < 0 else ""
    return (text[:start] + sign + "".join(digits) + text[start:]).strip()


def _sections(number_format: str) -> list[str]:
    sections, rest = [], number_format
    while True:
        first = _section(rest)
        sections.append(first)
        if len(first) == len(rest):
            return sections
        rest = rest[len(first) + 1 :]


def _literal(section: str) -> str:
    """A number format's section with its literal text unwrapped and its codes for colour,
    spacing and fill dropped; a currency in brackets (`[$£-809]`) is kept as its symbol."""
    return re.sub(
        r'"([^"]*)"|\\(.)|\[\$([^\]-]*)[^\]]*\]|\[[^\]]*\]|_.|\*.',
        lambda m: m[1] or m[2] or m[3] or "",
        section,
    )


def _general(value: float) -> str:
    """Excel's General format: whole numbers without ".0", others to ten significant digits."""
    if value.is_integer() and abs(value) < 1e11:
        return str(int(value))
    text = f"{value:.10g}"
    return text.upper() if "e" in text else text


def typed_value(value: datetime | date | time, number_format: str) -> datetime | date | time:
    """The value as the format shows it: a date when it shows no time, a time when no date."""
    dated, timed = shows_date(number_format), shows_time(number_format)
    if isinstance(value, time):
        return _rounded(datetime.combine(date(1899, 12, 30), value), 0).time()
    if isinstance(value, datetime):
        value = _rounded(value, 0)
        if dated and not timed:
            return value.date()
        if timed and not dated:
            return value.time()
    return value
