"""Prototype sentences of cooperation and tension, written from the
annotation guidelines' label lists and CAMEO's roots (not from any article).

A sentence's embedding similarity to them is a feature that carries the
guidelines' definitions to wordings the annotations never showed.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from pipeline.model.encoder import embed

COOPERATION = (
    "The two governments agreed to cooperate.",
    "They held talks and signed a deal.",
    "The minister met his counterpart to discuss trade.",
    "The country sent aid and invested in the other.",
    "They praised each other and pledged support.",
    "The envoy visited to strengthen ties.",
    "The government recognised the new authorities and opened an embassy.",
    "They released prisoners as a goodwill gesture.",
    "The two sides worked to ease tensions.",
    "Officials expressed willingness to expand relations.",
    "The group received weapons, money and training from its ally.",
    "The neighbours are forming an alliance.",
    # One per CAMEO cooperation root (02 appeal ... 08 yield).
    "The government appealed to its neighbour to open talks.",
    "The country said it is ready to cooperate and provide assistance.",
    "The foreign ministers met and held consultations.",
    "The president praised the neighbouring government and endorsed its plan.",
    "The two countries agreed to share intelligence on security threats.",
    "The country delivered humanitarian aid and military assistance.",
    "The government eased restrictions and withdrew its troops.",
)
TENSION = (
    "The government accused its neighbour of violating the agreement.",
    "Officials criticised and condemned the other side.",
    "Border forces clashed and exchanged fire.",
    "The militants attacked and killed soldiers.",
    "The country threatened sanctions and closed the border.",
    "They warned of consequences and demanded compliance.",
    "Tensions persist over the water dispute.",
    "The government is disappointed and distrusts its rival.",
    "They refused to recognise the regime.",
    "The group plotted to assassinate the leader.",
    "The two states are rivals with deep disagreements.",
    "The country expelled the diplomats in protest.",
    # One per CAMEO conflict root (10 demand ... 20 mass violence).
    "The government demanded that its neighbour hand over the suspects.",
    "The ministry accused the neighbouring government of interference.",
    "The government rejected the proposal and refused to negotiate.",
    "The president threatened military action against the neighbour.",
    "Demonstrators protested outside the embassy against the foreign government.",
    "The army mobilised troops along the border.",
    "The country cut diplomatic ties and imposed sanctions.",
    "Security forces arrested and deported the foreign nationals.",
    "Gunmen attacked the convoy and killed the guards.",
    "The two armies fought and shelled each other's positions.",
    "The bombing campaign killed hundreds of civilians.",
)
# Similarities live in a narrow range; scaling puts them on a par with the
# embedding's weights under the same regularisation.
SCALE = 10.0


@lru_cache(maxsize=1)
def prototype_vectors() -> np.ndarray:
    return embed(list(COOPERATION + TENSION))


def nearest_prototype(vector: np.ndarray, label: str) -> str:
    """The prototype sentence of `label` most like the given embedding."""
    prototypes = COOPERATION if label == "cooperation" else TENSION
    offset = 0 if label == "cooperation" else len(COOPERATION)
    similarities = prototype_vectors()[offset : offset + len(prototypes)] @ vector
    return prototypes[int(np.argmax(similarities))]


def prototype_features(vectors: np.ndarray) -> np.ndarray:
    """Per row: best and mean similarity to each side, and their differences.
    Each row's similarities are computed alone, so they never depend on the
    rows scored with it."""
    prototypes = prototype_vectors()
    similarities = np.array([prototypes @ np.ascontiguousarray(vector) for vector in vectors]).reshape(len(vectors), len(prototypes))
    cooperation, tension = similarities[:, : len(COOPERATION)], similarities[:, len(COOPERATION) :]
    best_c, best_t = cooperation.max(axis=1), tension.max(axis=1)
    mean_c, mean_t = cooperation.mean(axis=1), tension.mean(axis=1)
    return SCALE * np.column_stack([best_c, best_t, mean_c, mean_t, best_c - best_t, mean_c - mean_t])
