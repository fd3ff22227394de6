"""Cue lemmas for cooperation and tension, from the annotation guidelines'
lists and CAMEO's verbal/material cooperation and conflict roots.

General English, not phrases of any one article.
"""

COOPERATION_CUES = frozenset(
    """
    accept accord agree agreement aid alliance ally assist assistance back backing boost
    collaborate collaboration commit commitment compromise concede congratulate
    consult consultation cooperate cooperation coordinate deal delegation
    de-escalate dialogue discuss discussion ease embrace engage engagement
    envoy establish expand facilitate friendly friendship goodwill grant hand
    help host improve investment invest invite join mediate mediation meet
    meeting negotiate negotiation normalise normalize offer open partner
    partnership pledge praise promise provide rapprochement reassure recognise
    recognition recognize reconcile release relief resolve restore sign
    strengthen summit supply support talk thank train trade treaty truce
    visit welcome willing willingness work
    """.split()
)

TENSION_CUES = frozenset(
    """
    accuse accusation alarm alarmed arrest assassinate assassination attack
    ban blame block bomb bombing boycott clash close complain concern condemn
    confront confrontation conflict crackdown criticise criticism criticize
    damage demand deny deport deprive detain dispute disagree disagreement
    disappoint disappointed disappointment distrust enemy enmity expel fear
    fight fighting fire harm hostile hostility invade invasion kill killing
    obstruct oppose opposition pressure protest punish question refuse reject
    retaliate rival rivalry sanction seize shoot shooting skirmish strain
    strike suspicion tension threat threaten undermine violate violation
    war warn warning worry
    """.split()
)

NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without", "fail"})
CONTRAST_WORDS = frozenset({"but", "however", "yet", "although", "though", "despite", "nevertheless", "while"})


def cue_polarity(lemma: str) -> int:
    """+1 for a cooperation cue, -1 for a tension cue, 0 otherwise."""
    lemma = lemma.lower()
    if lemma in COOPERATION_CUES:
        return 1
    if lemma in TENSION_CUES:
        return -1
    return 0
