"""stages/orgnouns: an organisation named again by a noun ("the court",
"the bloc") keeps the organisation's code, over articles about many pairs."""

from __future__ import annotations

import pytest

from pipeline.stages.actors import SPAN_KEY


@pytest.mark.parametrize(
    ("text", "reference", "code"),
    [
        ("Nicaragua took its case against Colombia to the International Court of Justice. Colombia rejected the court's ruling.",
         "the court", "ICJ"),
        ("The European Union imposed new sanctions on Belarus. The 27-nation bloc also froze the assets of two banks.",
         "The 27-nation bloc", "EU"),
        ("NATO leaders met in Vilnius. The alliance promised Ukraine more air defence.", "The alliance", "NATO"),
        ("Cameroon sent troops to the Multinational Joint Task Force. Chad threatened to leave the task force.", "the task force", "MNJTF"),
    ],
    ids=["head-noun-of-the-name", "bloc", "alliance", "task-force"],
)
def test_an_organisation_named_again_by_a_noun_keeps_its_code(nlp, text, reference, code):
    doc = nlp(text)
    assert [(span.text, span.label_) for span in doc.spans[SPAN_KEY] if span.text == reference] == [(reference, code)]


def test_a_noun_with_no_organisation_named_before_is_no_mention(nlp):
    doc = nlp("The court in Lahore jailed the opposition leader. The council met on Monday.")
    assert [span.text for span in doc.spans[SPAN_KEY]] == ["Lahore"]
