"""The demo's organisations, units, users and clearly fictitious citizens.

Organisations are those named in the seeds; codes are the official municipality and
region codes. Every citizen is invented and marked "(fiktiv)".
"""

from samskab.people.models import AuthorityArea as A
from samskab.people.models import OrganisationKind as K
from samskab.people.models import Role

DEMO_PASSWORD = "samskab-demo-2026"  # noqa: S105 - published demo login, see README

ORGANISATIONS = [
    # name, kind, official code, units [(name, authority area)]
    (
        "Region Midtjylland",
        K.REGION,
        "1082",
        [
            ("Borgerdesign", A.ADMINISTRATION),
            ("Regionspsykiatrien Midt", A.PSYCHIATRY),
            ("Aarhus Universitetshospital", A.HOSPITAL),
        ],
    ),
    (
        "Aarhus Kommune",
        K.MUNICIPALITY,
        "0751",
        [
            ("Jobcenter Aarhus", A.JOBCENTER),
            ("Socialforvaltningen", A.SOCIAL),
            ("Familieenheden", A.FAMILY),
            ("Sundhed og Omsorg", A.HEALTH_CARE),
        ],
    ),
    (
        "Vejle Kommune",
        K.MUNICIPALITY,
        "0630",
        [
            ("Jobcenter Vejle", A.JOBCENTER),
            ("Socialområdet", A.SOCIAL),
        ],
    ),
    (
        "Horsens Kommune",
        K.MUNICIPALITY,
        "0615",
        [
            ("Socialpsykiatrien", A.SOCIAL),
            ("Dagtilbud", A.DAYCARE),
        ],
    ),
    (
        "Greve Kommune",
        K.MUNICIPALITY,
        "0253",
        [
            ("Handicap og Psykiatri", A.SOCIAL),
        ],
    ),
    (
        "Esbjerg Kommune",
        K.MUNICIPALITY,
        "0561",
        [
            ("Sundhed & Omsorg", A.HEALTH_CARE),
            ("Hjemmeplejen Distrikt Vest", A.HEALTH_CARE),
        ],
    ),
    (
        "Slagelse Kommune",
        K.MUNICIPALITY,
        "0330",
        [
            ("Familieområdet", A.FAMILY),
            ("Skoleområdet", A.SCHOOL),
        ],
    ),
    (
        "Gladsaxe Kommune",
        K.MUNICIPALITY,
        "0159",
        [
            ("Familierådgivningen", A.FAMILY),
        ],
    ),
    (
        "Københavns Kommune",
        K.MUNICIPALITY,
        "0101",
        [
            ("Socialforvaltningen", A.SOCIAL),
            ("Sundheds- og Omsorgsforvaltningen", A.HEALTH_CARE),
        ],
    ),
    (
        "Region Hovedstaden",
        K.REGION,
        "1084",
        [
            ("Center for Sundhed", A.HEALTH_CARE),
        ],
    ),
    (
        "Region Sjælland",
        K.REGION,
        "1085",
        [
            ("Koncern Plan og Udvikling", A.ADMINISTRATION),
        ],
    ),
    (
        "Bispebjerg og Frederiksberg Hospital",
        K.REGION,
        "",
        [
            ("Børne- og ungeafdelingen", A.HOSPITAL),
        ],
    ),
    (
        "Steno Diabetes Center Sjælland",
        K.REGION,
        "",
        [
            ("Unge med type 1-diabetes", A.HOSPITAL),
        ],
    ),
    (
        "Steno Diabetes Center Copenhagen",
        K.REGION,
        "",
        [
            ("Forebyggelse og sundhedsfremme", A.HOSPITAL),
        ],
    ),
    (
        "Københavns Professionshøjskole",
        K.KNOWLEDGE,
        "",
        [
            ("Forskning i velfærdsinnovation", A.OTHER),
        ],
    ),
]

# username, first name, last name, role, organisation, unit, job title
USERS = [
    ("admin", "Ada", "Administrator", Role.ADMIN, None, None, "Platformadministrator"),
    (
        "facilitator",
        "Trine",
        "Facilitator",
        Role.FACILITATOR,
        "Region Midtjylland",
        "Borgerdesign",
        "Facilitator i Borgerdesign",
    ),
    ("leder", "Lars", "Leder", Role.LEADER, "Aarhus Kommune", "Socialforvaltningen", "Socialchef"),
    (
        "fagperson",
        "Fatima",
        "Fagperson",
        Role.PROFESSIONAL,
        "Aarhus Kommune",
        "Jobcenter Aarhus",
        "Jobkonsulent",
    ),
    (
        "supervisor",
        "Søren",
        "Supervisor",
        Role.SUPERVISOR,
        "Aarhus Kommune",
        "Socialforvaltningen",
        "Supervisor",
    ),
    (
        "forsker",
        "Rikke",
        "Forsker",
        Role.RESEARCHER,
        "Københavns Professionshøjskole",
        "Forskning i velfærdsinnovation",
        "Lektor",
    ),
    ("borger", "Mille", "", Role.CITIZEN, "Region Midtjylland", None, ""),
    (
        "dpo",
        "Dorthe",
        "Databeskyttelse",
        Role.DATA_PROTECTION_OFFICER,
        "Aarhus Kommune",
        "Socialforvaltningen",
        "Databeskyttelsesrådgiver (DPO)",
    ),
    (
        "koordinator",
        "Kasper",
        "Koordinator",
        Role.NETWORK_COORDINATOR,
        "Region Midtjylland",
        "Borgerdesign",
        "Netværkskoordinator for velfærdsinnovation",
    ),
    (
        "esbjerg-leder",
        "Else",
        "Leder",
        Role.LEADER,
        "Esbjerg Kommune",
        "Sundhed & Omsorg",
        "Områdeleder",
    ),
    (
        "esbjerg-fagperson",
        "Erik",
        "Fagperson",
        Role.PROFESSIONAL,
        "Esbjerg Kommune",
        "Hjemmeplejen Distrikt Vest",
        "Sygeplejerske",
    ),
    (
        "slagelse-leder",
        "Sofie",
        "Leder",
        Role.LEADER,
        "Slagelse Kommune",
        "Familieområdet",
        "Familiechef",
    ),
]

# display name, birth year, organisation, login username (or None)
CITIZENS = [
    ("Mille (fiktiv)", 1999, "Region Midtjylland", "borger"),
    ("J.K. (fiktiv)", 1996, "Region Midtjylland", None),
    ("Anders (fiktiv)", 1987, "Aarhus Kommune", None),
    ("S.B. (fiktiv)", 2004, "Aarhus Kommune", None),
    ("Yasmin (fiktiv)", 1979, "Aarhus Kommune", None),
]
