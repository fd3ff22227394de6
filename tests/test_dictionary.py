"""dictionary: the library's states merged with the project's file, and governments in time."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import ACTORS_PATH
from pipeline.io import InputError
from pipeline.stages.dictionary import ActorDictionary, load_actors

HAMAS = {"code": "HAMAS", "kind": "movement", "names": ["Hamas"], "officials": ["Haniyeh"]}
SUDAN = {"code": "SDN", "officials": ["Burhan"], "governments": [{"code": "SAF", "from": "2021-10-25"}]}
RSF = {"code": "RSF", "kind": "movement", "names": ["Rapid Support Forces"], "officials": ["Hemedti"]}


def write_actors(tmp_path, *lines: str):
    path = tmp_path / "actors.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_project_file_adds_to_the_library_states(tmp_path):
    dictionary = load_actors(write_actors(tmp_path, json.dumps(HAMAS), "", json.dumps(SUDAN)))
    assert dictionary.aliases["Hamas"] == ("HAMAS", "names")
    assert dictionary.aliases["Burhan"] == ("SDN", "officials")
    assert dictionary.aliases["Sudan"] == ("SDN", "names")  # from the library
    assert dictionary.aliases["Khartoum"] == ("SDN", "capitals")
    assert {"HAMAS", "SDN", "BFA", "CIV", "URY"} <= dictionary.codes


def test_the_project_file_wins_over_the_library(tmp_path):
    override = {"code": "RSF", "names": ["Rapid Support Forces"], "capitals": ["Nyala"]}
    dictionary = load_actors(write_actors(tmp_path, json.dumps(override)))
    assert dictionary.aliases["Nyala"] == ("RSF", "capitals")
    with_kinshasa = load_actors(write_actors(tmp_path, json.dumps({"code": "M23", "capitals": ["Kinshasa"]})))
    assert with_kinshasa.aliases["Kinshasa"] == ("M23", "capitals")


def test_lines_sharing_a_code_are_joined(tmp_path):
    dictionary = load_actors(write_actors(tmp_path, json.dumps(RSF), json.dumps({"code": "RSF", "officials": ["Abdelrahim Dagalo"]})))
    assert dictionary.aliases["Hemedti"] == dictionary.aliases["Abdelrahim Dagalo"] == ("RSF", "officials")


def test_an_alias_the_file_gives_to_two_codes_is_an_error_naming_the_line(tmp_path):
    clash = {**RSF, "officials": ["Hemedti", "Haniyeh"]}
    path = write_actors(tmp_path, json.dumps(HAMAS), json.dumps(clash))
    with pytest.raises(InputError) as caught:
        load_actors(path)
    assert str(caught.value).startswith(f"{path}:2: ") and "'Haniyeh'" in str(caught.value) and "HAMAS" in str(caught.value)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"code": "RSF", "names": ["Rapid Support Forces"]', "malformed JSON"),
        ('["RSF", "Rapid Support Forces"]', "expected a JSON object"),
        (json.dumps({"names": ["Rapid Support Forces"]}), "needs a 'code'"),
        (json.dumps({**RSF, "aliases": ["RSF"]}), "needs a 'code'"),
        (json.dumps({**RSF, "names": "Rapid Support Forces"}), "'names' must be a list"),
        (json.dumps({**RSF, "officials": ["Hemedti", ""]}), "'officials' must be a list of non-empty strings"),
        (json.dumps({**RSF, "capitals": [" "]}), "'capitals' must be a list of non-empty strings"),
        (json.dumps({**RSF, "demonyms": [3]}), "'demonyms' must be a list"),
        (json.dumps({**SUDAN, "governments": {"code": "SAF"}}), "'governments' must be a list"),
        (json.dumps({**SUDAN, "governments": [{"code": "SAF", "since": "2021-10-25"}]}), "each government needs a 'code'"),
        (json.dumps({**SUDAN, "governments": [{"code": "SAF", "from": "25/10/2021"}]}), "must be dates (YYYY-MM-DD)"),
        (json.dumps({**SUDAN, "governments": [{"code": "SAF", "from": "2021-10-25", "until": "2019-04-11"}]}), "'until' must come after"),
    ],
    ids=["malformed-json", "not-object", "no-code", "unknown-key", "names-not-list", "empty-alias", "blank-alias",
         "non-string-alias", "governments-not-list", "government-unknown-key", "government-bad-date", "government-backwards"],
)
def test_a_bad_line_is_one_error_naming_file_and_line(tmp_path, line, message):
    path = write_actors(tmp_path, json.dumps(HAMAS), line)
    with pytest.raises(InputError) as caught:
        load_actors(path)
    assert str(caught.value).startswith(f"{path}:2: ") and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_empty_file_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no actors"):
        load_actors(write_actors(tmp_path, ""))


MYANMAR = {"code": "MMR", "governments": [{"code": "SPDC", "from": "1988-09-18", "until": "2011-03-30"}, {"code": "SAC", "from": "2021-02-01"}]}


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (dt.date(1988, 9, 17), "MMR"),
        (dt.date(1988, 9, 18), "SPDC"),
        (dt.date(2011, 3, 29), "SPDC"),
        (dt.date(2011, 3, 30), "MMR"),
        (dt.date(2021, 1, 31), "MMR"),
        (dt.date(2021, 2, 1), "SAC"),
        (None, "SAC"),  # no date: the newest government
    ],
)
def test_the_government_on_a_day(tmp_path, day, code):
    dictionary = load_actors(write_actors(tmp_path, json.dumps(MYANMAR)))
    assert dictionary.government_on("MMR", day) == code
    assert dictionary.government_on("THA", day) == "THA"


def test_with_no_date_an_ended_government_gives_the_state(tmp_path):
    ended = {"code": "GMB", "governments": [{"code": "JAMMEH", "from": "1994-07-22", "until": "2017-01-19"}]}
    assert load_actors(write_actors(tmp_path, json.dumps(ended))).government_on("GMB", None) == "GMB"


def test_the_dictionary_survives_its_json_form(tmp_path):
    dictionary = load_actors(write_actors(tmp_path, json.dumps(MYANMAR), json.dumps(RSF)))
    assert ActorDictionary.from_json(dictionary.to_json()) == dictionary


def test_loading_is_deterministic_and_fast():
    import time

    started = time.perf_counter()
    first = load_actors(ACTORS_PATH)
    assert load_actors(ACTORS_PATH).to_json() == first.to_json()
    assert time.perf_counter() - started < 5


def test_repository_dictionary_has_the_seed_actors_and_afghanistan_s_governments():
    dictionary = load_actors(ACTORS_PATH)
    expected = {"Qomi": "IRN", "Tehran": "IRN", "IRGC": "IRN", "Muttaqi": "TAL", "Taliban": "TAL", "Afghan": "AFG", "Kabul": "AFG", "ISKP": "ISKP"}
    assert {alias: dictionary.aliases[alias][0] for alias in expected} == expected
    assert dictionary.government_on("AFG", dt.date(2021, 8, 14)) == "AFG"
    assert dictionary.government_on("AFG", dt.date(2021, 8, 15)) == "TAL"


def test_the_previous_government(tmp_path):
    dictionary = load_actors(write_actors(tmp_path, json.dumps(MYANMAR)))
    assert dictionary.government_on("MMR", dt.date(2022, 1, 1), previous=True) == "MMR"  # SAC's predecessor: the state
    assert dictionary.government_on("MMR", None, previous=True) == "MMR"
    assert dictionary.government_on("MMR", dt.date(2000, 1, 1), previous=True) == "MMR"
    two = {"code": "NER", "governments": [{"code": "CNSP", "from": "2023-07-26"}, {"code": "CNSP2", "from": "2025-03-26"}]}
    assert load_actors(write_actors(tmp_path, json.dumps(two))).government_on("NER", None, previous=True) == "CNSP"
