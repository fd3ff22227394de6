"""Mode from the parse of the decisive clause."""

import pytest

from pipeline.stages.mode import MODES, find_mode


@pytest.mark.parametrize(
    "text, mode",
    [
        ("Kenya and Somalia signed a security agreement in Nairobi.", "asserted"),
        ("India did not attend the talks with Pakistan.", "negated"),
        ("Russia denied shelling the Ukrainian city of Kharkiv.", "denied"),
        ("Ethiopia urged Sudan to withdraw its troops from the border.", "demanded"),
        ("Algeria threatened to cut gas supplies to Morocco.", "conditional"),
        ("Armenia will attack Azerbaijan if the talks fail.", "conditional"),
        ("Colombia will host talks with Venezuela next month.", "planned"),
        ("Turkey plans to mediate between Russia and Ukraine.", "planned"),
        ("China could impose sanctions on Taiwan.", "hypothetical"),
    ],
)
def test_mode_of_the_decisive_clause(nlp, text, mode):
    doc = nlp(text)
    found = find_mode(next(iter(doc.sents)))
    assert found in MODES
    assert found == mode
