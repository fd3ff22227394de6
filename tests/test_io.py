"""io: reading articles and annotations, atomic JSONL writes."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from conftest import EMPTY_PAGE, SAVED_PAGE
from pipeline.io import InputError, UnreadableArticle, atomic_text_folder, find_article, list_articles, read_annotations, read_article, read_text, write_jsonl_atomic

GOOD_ANNOTATION = {
    "doc": "000_x",
    "start": 0,
    "end": 20,
    "text": "Iran met the Taliban",
    "claim": True,
    "label": "cooperation",
    "mixed": False,
    "actors": ["IRN", "TAL"],
}
NON_CLAIM = {**GOOD_ANNOTATION, "claim": False, "label": None, "actors": []}


def annotation_line(**changes) -> str:
    record = {**GOOD_ANNOTATION, **changes}
    return json.dumps({k: v for k, v in record.items() if v is not ...})


HTML_PAGE = b"<!DOCTYPE html>\n<html><head><title>Iran</title></head><body><p>Iran met the Taliban.</p></body></html>\n"
HTML_FRAGMENT = b"<div><p>Iran met the Taliban.</p><p>Talks went on.</p><br><a href='x'>more</a></div>\n"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n  \n", "empty"),
        (b"\xef\xbb\xbf \n", "empty"),
        (b"Iran met\x00the Taliban.\n", "binary"),
        ("Iran met the Taliban.\n".encode("utf-16"), "UTF-16, not UTF-8"),
        ("Iran met the Taliban.\n".encode("utf-32"), "UTF-32, not UTF-8"),
        ("Café in Tehran.\nIran met the Taliban in Kabul.\n".encode("latin-1"), "not UTF-8"),
        (HTML_PAGE, "HTML, not plain text"),
        (HTML_FRAGMENT, "HTML, not plain text"),
    ],
    ids=["empty", "whitespace-only", "bom-only", "nul-bytes", "utf-16", "utf-32", "latin-1", "html-page", "html-fragment"],
)
def test_read_text_refuses_unreadable_files_saying_why(tmp_path, content, reason):
    path = tmp_path / "bad_article.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableArticle) as caught:
        read_text(path)
    assert caught.value.reason == reason
    assert str(caught.value).startswith(f"{path}: {reason}")
    assert "\n" not in str(caught.value)


def test_read_text_latin1_error_names_the_line_and_byte(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Iran met the Taliban.\nCafé in Tehran.\n".encode("latin-1"))
    with pytest.raises(UnreadableArticle, match=r"line 2, byte 0xE9"):
        read_text(path)


def test_read_text_refuses_a_file_over_the_size_limit_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB of NUL bytes, refused on size alone
    with pytest.raises(UnreadableArticle, match=r"too large \(50.0 MB; the limit is 5 MB\)"):
        read_text(path, max_bytes=5_000_000)


def test_read_text_refuses_a_symlink_out_of_the_corpus_but_follows_one_inside(tmp_path):
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    corpus.mkdir()
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("Iran met the Taliban.\n", encoding="utf-8")
    (corpus / "real.txt").write_text("Iran met the Taliban.\n", encoding="utf-8")
    (corpus / "outside.txt").symlink_to(elsewhere / "secret.txt")
    (corpus / "inside.txt").symlink_to(corpus / "real.txt")
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    with pytest.raises(UnreadableArticle, match="symlink outside the corpus"):
        read_text(corpus / "outside.txt")
    with pytest.raises(UnreadableArticle, match="missing"):
        read_text(corpus / "dangling.txt")
    assert read_text(corpus / "inside.txt")[0] == "Iran met the Taliban.\n"


def test_read_text_keeps_a_utf8_byte_order_mark_so_offsets_match_utf8_readers(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfIran met the Taliban.\n")
    assert read_text(path)[0] == "\ufeffIran met the Taliban.\n"


def test_read_text_returns_text_and_sha256_of_bytes(tmp_path):
    data = "Tehran’s envoy\r\nmet Muttaqi.\r\n".encode("utf-8")
    path = tmp_path / "ok.txt"
    path.write_bytes(data)
    text, digest = read_text(path)
    assert text == "Tehran’s envoy\r\nmet Muttaqi.\r\n"
    assert digest == hashlib.sha256(data).hexdigest()


def test_list_articles_sorted_txt_only(tmp_path):
    for name in ["b.txt", "a.txt", "a.meta.json", "notes.md"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in list_articles(tmp_path)] == ["a.txt", "b.txt"]
    with pytest.raises(InputError, match="not a folder"):
        list_articles(tmp_path / "missing")


def write_annotations(tmp_path, *lines: str):
    folder = tmp_path / "annotations"
    folder.mkdir()
    path = folder / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder, path


def test_read_annotations_parses_good_lines_and_skips_blank_ones(tmp_path):
    folder, path = write_annotations(tmp_path, annotation_line(), "", json.dumps(NON_CLAIM))
    first, second = read_annotations(folder)
    assert first.to_json() == GOOD_ANNOTATION
    assert first.source == f"{path}:1"
    assert second.claim is False and second.label is None
    assert second.source == f"{path}:3"


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ('{"doc": "000_x", "start": 0,', "malformed JSON"),
        ("[1, 2, 3]", "expected a JSON object"),
        (annotation_line(label=...), "missing key(s) label"),
        (annotation_line(text=..., actors=...), "missing key(s) actors, text"),
        (annotation_line(label="friendship"), "unknown label 'friendship'"),
        (annotation_line(label=None), "unknown label None"),
        (annotation_line(claim="yes"), "'claim' must be true or false"),
        (json.dumps({**NON_CLAIM, "label": "tension"}), "non-claim must have label null"),
        (annotation_line(start=20, end=20), "0 <= start < end"),
        (annotation_line(start="0"), "0 <= start < end"),
        (annotation_line(actors="IRN"), "'actors' must be a list"),
    ],
    ids=[
        "malformed-json",
        "not-object",
        "missing-label",
        "missing-two-keys",
        "unknown-label",
        "claim-without-label",
        "claim-not-bool",
        "non-claim-with-label",
        "empty-span",
        "string-offset",
        "actors-not-list",
    ],
)
def test_read_annotations_errors_name_file_and_line(tmp_path, bad_line, message):
    folder, path = write_annotations(tmp_path, annotation_line(), "", bad_line)
    with pytest.raises(InputError) as caught:
        read_annotations(folder)
    text = str(caught.value)
    assert text.startswith(f"{path}:3: ")
    assert message in text


def test_write_jsonl_atomic_writes_records_and_counts(tmp_path):
    path = tmp_path / "out" / "records.jsonl"
    records = [{"doc": "a", "text": "Tehran’s envoy"}, {"doc": "b", "n": 2}]
    assert write_jsonl_atomic(path, records) == 2
    raw = path.read_bytes().decode("utf-8")
    assert raw == '{"doc": "a", "text": "Tehran’s envoy"}\n{"doc": "b", "n": 2}\n'
    assert [json.loads(line) for line in raw.splitlines()] == records
    assert sorted(p.name for p in path.parent.iterdir()) == ["records.jsonl"]


def test_write_jsonl_atomic_respects_umask(tmp_path):
    path = tmp_path / "records.jsonl"
    old = os.umask(0o027)
    try:
        write_jsonl_atomic(path, [{"a": 1}])
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o640


def test_write_jsonl_atomic_keeps_old_file_when_records_fail(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_bytes(b'{"old": true}\n')

    def records():
        yield {"new": 1}
        yield {"new": 2}
        raise InputError("article 3 is broken")

    with pytest.raises(InputError, match="article 3 is broken"):
        write_jsonl_atomic(path, records())
    assert path.read_bytes() == b'{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["records.jsonl"]


def test_write_jsonl_atomic_leaves_nothing_when_no_old_file(tmp_path):
    path = tmp_path / "records.jsonl"

    def records():
        yield {"new": 1}
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_jsonl_atomic(path, records())
    assert list(tmp_path.iterdir()) == []


# Saved web pages: read through the extractor.


def test_a_saved_page_gives_its_main_text_and_metadata_and_keeps_the_html_hash(tmp_path):
    path = tmp_path / "gas_deal.html"
    path.write_bytes(SAVED_PAGE.encode("utf-8"))
    text, sha256, meta = read_article(path)
    assert sha256 == hashlib.sha256(SAVED_PAGE.encode("utf-8")).hexdigest()
    assert text.startswith("Turkey and Azerbaijan Sign Gas Deal\n\nTurkey and Azerbaijan signed a gas agreement")
    assert "Armenia criticised the deal and accused Ankara" in text and "Moscow’s energy exports" in text
    for furniture in ("cookies", "Home", "cheap watches", "Copyright", "tracking", "color: red"):
        assert furniture not in text
    assert meta == {"title": "Turkey and Azerbaijan Sign Gas Deal", "date": "2024-05-06",
                    "url": "https://news.example.org/world/turkey-azerbaijan-gas", "publisher": "news.example.org"}
    assert read_text(path) == (text, sha256)
    assert read_article(path)[0] == text  # deterministic


def test_meta_json_overrides_what_the_page_says(tmp_path):
    path = tmp_path / "gas_deal.html"
    path.write_bytes(SAVED_PAGE.encode("utf-8"))
    path.with_suffix(".meta.json").write_text('{"date": "2024-05-07", "publisher": "Example News"}', encoding="utf-8")
    _text, _sha256, meta = read_article(path)
    assert meta["date"] == "2024-05-07" and meta["publisher"] == "Example News" and meta["title"].startswith("Turkey")


@pytest.mark.parametrize("content", [EMPTY_PAGE.encode(), b"<html><body><img src='map.png'></body></html>", b"Just a line."])
def test_a_page_with_no_article_is_unreadable_saying_why(tmp_path, content):
    path = tmp_path / "menu.html"
    path.write_bytes(content)
    with pytest.raises(UnreadableArticle) as caught:
        read_text(path)
    assert caught.value.reason == "no article in the HTML"
    assert str(caught.value).startswith(f"{path}: no article in the HTML")


def test_an_empty_page_is_empty(tmp_path):
    path = tmp_path / "blank.html"
    path.write_bytes(b"  \n")
    with pytest.raises(UnreadableArticle, match="empty"):
        read_text(path)


def test_html_in_a_txt_file_is_refused_with_the_way_to_read_it(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(SAVED_PAGE.encode("utf-8"))
    with pytest.raises(UnreadableArticle, match=r"HTML, not plain text \(name it .html"):
        read_text(path)


def test_list_articles_takes_text_files_and_saved_pages(tmp_path):
    for name in ("b.html", "a.txt", "c.htm", "notes.md", "d.meta.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in list_articles(tmp_path)] == ["a.txt", "b.html", "c.htm"]


def test_a_text_folder_is_replaced_only_when_the_run_succeeds(tmp_path):
    folder = tmp_path / "text"
    with atomic_text_folder(folder) as texts:
        texts.write("a.txt", "Kyiv and Warsaw\r\nsigned a deal.\n")
        texts.write("b.txt", "old")
    assert (folder / "a.txt").read_bytes() == b"Kyiv and Warsaw\r\nsigned a deal.\n"
    with pytest.raises(RuntimeError), atomic_text_folder(folder) as texts:
        texts.write("a.txt", "changed")
        raise RuntimeError("the run failed")
    assert (folder / "a.txt").read_bytes().startswith(b"Kyiv") and sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt"]
    with atomic_text_folder(folder) as texts:
        texts.write("a.txt", "new")
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]  # b's page left the corpus


def test_an_annotated_doc_is_found_as_text_file_or_saved_page(tmp_path):
    (tmp_path / "gas_deal.html").write_text(SAVED_PAGE, encoding="utf-8")
    assert find_article(tmp_path, "gas_deal") == tmp_path / "gas_deal.html"
    (tmp_path / "gas_deal.txt").write_text("Turkey and Azerbaijan signed a gas deal.\n", encoding="utf-8")
    assert find_article(tmp_path, "gas_deal") == tmp_path / "gas_deal.txt"
    assert find_article(tmp_path, "missing") is None


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c"])
def test_every_line_a_writer_writes_reads_back_with_its_number(tmp_path, separator):
    from pipeline.io import append_jsonl_durably, read_jsonl, remove_last_jsonl_record

    path = tmp_path / "annotate.jsonl"
    texts = [f"Egypt and Qatar{separator}agreed on a truce.", "Chile protested to Bolivia.", f"Ghana{separator}Togo"]
    write_jsonl_atomic(path, [{"text": texts[0]}, {"text": texts[1]}])
    append_jsonl_durably(path, {"text": texts[2]})
    assert [(number, record["text"]) for number, record in read_jsonl(path)] == list(enumerate(texts, start=1))
    assert remove_last_jsonl_record(path) == {"text": texts[2]}
    assert [record["text"] for _n, record in read_jsonl(path)] == texts[:2]


def test_read_jsonl_reads_crlf_files_and_numbers_lines_by_newline(tmp_path):
    from pipeline.io import read_jsonl

    path = tmp_path / "edited.jsonl"
    path.write_bytes(b'{"a": 1}\r\n\r\n{"a": "x\xe2\x80\xa8y"}\r\n')
    assert list(read_jsonl(path)) == [(1, {"a": 1}), (3, {"a": "x\u2028y"})]


def test_deeply_nested_json_is_one_line_error(tmp_path):
    from pipeline.io import read_jsonl

    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"deep.jsonl:1: .*nested"):
        list(read_jsonl(path))
