"""Cue words of each PLOVER event type, written from the PLOVER codebook's
definitions (and CAMEO's verb classes behind them), not from any gold set.

A claim's decisive clause and its whole sentence are matched against them;
the matches are features of the trained type model (`types.py`), beside the
sentence embedding, since the embedding alone blurs neighbouring types
(DEMAND and THREATEN, COERCE and ASSAULT). Each cue is a regular expression
that must start at a word boundary; a bare stem also matches its inflections.
"""

from __future__ import annotations

import re
from functools import lru_cache

CUES = {
    "AGREE": r"agree|agreement|accord|signs?\b|signed|signing|deal\b|accept|ceasefire|cease-fire|truce|treaty|pact\b|settle|promis|pledg|reach\w* an? \w*\s?(deal|understanding)",
    "CONSULT": r"meet|met\b|talks\b|visit|host|discuss|consult|negotiat|summit|convers|telephon|phoned|mediat|envoy",
    "SUPPORT": r"prais|support|endors|welcom|commend|back(ed|ing|s)?\b|recogni[sz]|congratulat|apologi[sz]|forgiv|defend|applaud|hail",
    "COOPERATE": r"cooperat|co-operat|collaborat|joint\b|shar(e|ed|ing)\b|coordinat|extradit|partnership|ties\b|relations\b|exchange",
    "AID": r"aid\b|aided|assist|donat|relief|humanitarian|suppl(y|ied|ies)|grant|loan|help|asylum|peacekeep|food\b|fund",
    "CONCEDE": r"conced|concession|releas|eas(e|ed|ing)\b|lift|relax|allow|compromis|yield|freed|pardon|amnest|permit|give in|gave in",
    "RETREAT": r"withdr[ae]w|retreat|pull\w* (out|back)|demobili[sz]|disarm|surrender|evacuat|de-escalat|hand\w* over|return\w* (the )?territor",
    "INVESTIGATE": r"investigat|probe|inquir|enquir|inspect|examin|look\w* into|fact-finding",
    "DEMAND": r"demand|urg(e|ed|es|ing)\b|call\w* (on|upon|for)|ask|insist|appeal|request|press\w* (for|on)",
    "DISAPPROVE": r"critici[sz]|criticism|condemn|accus|blam|denounc|complain|charg|deplor|sue\b|sued|allege|censur|rebuk|object",
    "REJECT": r"reject|refus|den(y|ied|ies)\b|veto|declin|rebuff|dismiss|oppos|turn\w* down|boycott",
    "THREATEN": r"threat|warn|ultimatum|menac|vow\w* to (attack|retaliat|strike)",
    "PROTEST": r"protest|demonstrat|march|rall(y|ied|ies)|strik(e|es)\b|riot|picket|hunger strike|sit-in",
    "MOBILIZE": r"mobili[sz]|deploy|alert\b|mass(ed|ing)\b|reinforc|buildup|build-up|troops",
    "SANCTION": r"sanction|embargo|sever|cut\w* (off )?(ties|relations|aid)|suspend|expel\w* (the )?(ambassador|diplomat)|recall\w* (its )?ambassador|freez|halt|ban\b|banned",
    "COERCE": r"arrest|detain|detention|seiz|deport|expel|confiscat|raid|crack\w* down|crackdown|imprison|jail|curfew|blockad|censor|torture|martial law|confine",
    "ASSAULT": r"kill|bomb|assassinat|kidnap|abduct|shot|shoot|massacr|execut|suicide|hijack|murder|wound|explosi|gunm[ae]n|ambush",
    "FIGHT": r"fight|fought|clash|attack|shell|air ?strike|battl|invad|invasion|occup|fire[ds]?\b|artillery|war\b|offensive|skirmish|combat",
}


@lru_cache(maxsize=1)
def cue_patterns() -> dict[str, re.Pattern[str]]:
    return {event: re.compile(r"\b(?:" + pattern + ")", re.IGNORECASE) for event, pattern in CUES.items()}


def cue_features(clause: str, sentence: str) -> dict[str, float]:
    """Per type: 1.0 when a cue is in the decisive clause, 0.5 when only elsewhere in the sentence, else 0."""
    features = {}
    for event, pattern in cue_patterns().items():
        features[event] = 1.0 if pattern.search(clause) else 0.5 if pattern.search(sentence) else 0.0
    return features
