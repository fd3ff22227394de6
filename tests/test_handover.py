"""One side handing wanted people over to another is cooperation (CAMEO 063, judicial cooperation)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan extradited two suspected Baloch militants to Iran on Monday.",
        "Kenya handed over the al-Shabaab suspects to Somali authorities.",
        "Turkey agreed to extradite the coup plotters to Azerbaijan.",  # through "agreed to"
        "Thailand handed over three Cambodian fugitives at the Poipet crossing.",
        "Guatemala sent 12 alleged gang leaders to El Salvador last week.",  # sent, with a receiving side
        "Russia said it would turn over the captured Chechen insurgents to Georgia.",  # reported
        "Morocco returned the suspected smugglers to Algeria.",
    ],
)
def test_wanted_people_handed_to_another_side_are_read_as_a_handover(tagged, text):
    assert tagged(text).stance.guideline == "handover"


@pytest.mark.parametrize(
    "text",
    [
        "Afghanistan refused to extradite the militants to Pakistan.",  # refused
        "Egypt did not hand over the Sudanese suspects.",  # negated
        "Burundi said it would talk only if Rwanda handed over the coup plotters.",  # a condition
        "Washington urged Caracas to extradite the fugitive banker.",  # asked of another side
        "Iraq must hand over the PKK fighters to Turkey, Ankara said.",  # an obligation
        "Peru sent troops to the Ecuadorian border.",  # troops, not wanted people
        "Uganda sent a delegation to Kinshasa.",
        "Lebanon deported dozens of Syrian refugees to Syria.",  # expulsion is tension
    ],
)
def test_no_handover_is_read_where_no_side_hands_wanted_people_over(tagged, text):
    assert tagged(text).stance.guideline != "handover"


def test_a_handover_is_labelled_cooperation_over_the_model(overruled):
    decided = overruled("Tanzania handed over 30 suspected Mozambican insurgents to Maputo.", "tension")
    assert decided.label == "cooperation"
    assert "guideline: handover" in decided.evidence
