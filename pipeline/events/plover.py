"""PLOVER's event types, their quad classes, and prototype sentences written
from the PLOVER codebook's definitions (not from any article or gold set).

With no trained event model, a claim's type is the type whose prototypes its
embedding is most like (`types.py`).
"""

from __future__ import annotations

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
QUAD_OF = {
    "AGREE": "verbal_cooperation",
    "CONSULT": "verbal_cooperation",
    "SUPPORT": "verbal_cooperation",
    "CONCEDE": "verbal_cooperation",
    "COOPERATE": "material_cooperation",
    "AID": "material_cooperation",
    "RETREAT": "material_cooperation",
    "INVESTIGATE": "verbal_conflict",
    "DEMAND": "verbal_conflict",
    "DISAPPROVE": "verbal_conflict",
    "REJECT": "verbal_conflict",
    "THREATEN": "verbal_conflict",
    "PROTEST": "material_conflict",
    "MOBILIZE": "material_conflict",
    "SANCTION": "material_conflict",
    "COERCE": "material_conflict",
    "ASSAULT": "material_conflict",
    "FIGHT": "material_conflict",
}
EVENT_TYPES = tuple(QUAD_OF)
LABEL_OF_QUAD = {
    "verbal_cooperation": "cooperation",
    "material_cooperation": "cooperation",
    "verbal_conflict": "tension",
    "material_conflict": "tension",
}

PROTOTYPES = {
    "AGREE": (
        "The two governments signed an agreement.",
        "The sides agreed to a ceasefire and a peace deal.",
        "The president accepted the proposal and agreed to hold talks.",
    ),
    "CONSULT": (
        "The foreign ministers met and held talks.",
        "The envoy visited the capital for consultations with officials.",
        "The leaders discussed the crisis by telephone.",
    ),
    "SUPPORT": (
        "The government praised its neighbour and endorsed its plan.",
        "The minister expressed support for the other country's position.",
        "The country recognised the new government and welcomed its leaders.",
    ),
    "CONCEDE": (
        "The government released the prisoners as a goodwill gesture.",
        "The authorities eased restrictions and lifted the ban.",
        "The government apologised and made concessions to the rebels.",
    ),
    "COOPERATE": (
        "The two countries agreed to share intelligence and cooperate on security.",
        "The armies held joint exercises and coordinated their operations.",
        "The states expanded trade and economic cooperation.",
    ),
    "AID": (
        "The country sent humanitarian aid and food to its neighbour.",
        "The government provided military assistance and weapons.",
        "The donor pledged economic aid and loans.",
    ),
    "RETREAT": (
        "The army withdrew its troops from the border.",
        "The rebels laid down their arms and demobilised.",
        "The forces pulled back and returned the seized territory.",
    ),
    "INVESTIGATE": (
        "The commission opened an investigation into the killings.",
        "Inspectors investigated the allegations against the government.",
        "Officials launched an inquiry into the other side's conduct.",
    ),
    "DEMAND": (
        "The government demanded that its neighbour hand over the suspects.",
        "The minister urged the other country to withdraw its troops.",
        "The group called on the government to release the prisoners.",
    ),
    "DISAPPROVE": (
        "The government accused its neighbour of interference.",
        "The ministry condemned and criticised the attack.",
        "Officials blamed the other side for the violence.",
    ),
    "REJECT": (
        "The government rejected the proposal and refused to negotiate.",
        "The rebels turned down the offer of talks.",
        "The country refused to recognise the new authorities.",
    ),
    "THREATEN": (
        "The president threatened military action against the neighbour.",
        "The government warned of sanctions if the talks fail.",
        "The group threatened to attack unless its demands were met.",
    ),
    "PROTEST": (
        "Demonstrators protested outside the embassy against the foreign government.",
        "Thousands marched and rallied against the government.",
        "Workers went on strike and blocked the roads in protest.",
    ),
    "MOBILIZE": (
        "The army mobilised troops along the border.",
        "The government put its forces on high alert.",
        "The country deployed warships and massed tanks near the frontier.",
    ),
    "SANCTION": (
        "The country imposed sanctions and cut diplomatic ties.",
        "The government expelled the ambassador and closed the embassy.",
        "The state imposed an embargo and suspended aid.",
    ),
    "COERCE": (
        "Security forces arrested and deported the foreign nationals.",
        "The authorities detained the opposition leaders and seized their property.",
        "Police imposed a curfew and banned the newspaper.",
    ),
    "ASSAULT": (
        "Gunmen attacked the convoy and killed the guards.",
        "A suicide bomber blew himself up, killing civilians.",
        "The militants kidnapped and assassinated the official.",
    ),
    "FIGHT": (
        "The two armies fought and shelled each other's positions.",
        "Border forces clashed and exchanged fire.",
        "Air strikes hit the rebels' bases.",
    ),
}
