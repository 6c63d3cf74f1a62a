"""Denmark's 98 municipalities and 5 regions with their official codes.

Every installation serves the same country, so the public authorities are data, not
setup: adoption maps, imports and national figures can rely on all of them being there.
Codes are the municipality and region codes of the Danish public sector (CPR/DAGI).
"""

from django.db import migrations

REGIONS = {
    "1081": "Region Nordjylland",
    "1082": "Region Midtjylland",
    "1083": "Region Syddanmark",
    "1084": "Region Hovedstaden",
    "1085": "Region Sjælland",
}

# code, name, region code
MUNICIPALITIES = [
    ("0101", "Københavns Kommune", "1084"),
    ("0147", "Frederiksberg Kommune", "1084"),
    ("0151", "Ballerup Kommune", "1084"),
    ("0153", "Brøndby Kommune", "1084"),
    ("0155", "Dragør Kommune", "1084"),
    ("0157", "Gentofte Kommune", "1084"),
    ("0159", "Gladsaxe Kommune", "1084"),
    ("0161", "Glostrup Kommune", "1084"),
    ("0163", "Herlev Kommune", "1084"),
    ("0165", "Albertslund Kommune", "1084"),
    ("0167", "Hvidovre Kommune", "1084"),
    ("0169", "Høje-Taastrup Kommune", "1084"),
    ("0173", "Lyngby-Taarbæk Kommune", "1084"),
    ("0175", "Rødovre Kommune", "1084"),
    ("0183", "Ishøj Kommune", "1084"),
    ("0185", "Tårnby Kommune", "1084"),
    ("0187", "Vallensbæk Kommune", "1084"),
    ("0190", "Furesø Kommune", "1084"),
    ("0201", "Allerød Kommune", "1084"),
    ("0210", "Fredensborg Kommune", "1084"),
    ("0217", "Helsingør Kommune", "1084"),
    ("0219", "Hillerød Kommune", "1084"),
    ("0223", "Hørsholm Kommune", "1084"),
    ("0230", "Rudersdal Kommune", "1084"),
    ("0240", "Egedal Kommune", "1084"),
    ("0250", "Frederikssund Kommune", "1084"),
    ("0253", "Greve Kommune", "1085"),
    ("0259", "Køge Kommune", "1085"),
    ("0260", "Halsnæs Kommune", "1084"),
    ("0265", "Roskilde Kommune", "1085"),
    ("0269", "Solrød Kommune", "1085"),
    ("0270", "Gribskov Kommune", "1084"),
    ("0306", "Odsherred Kommune", "1085"),
    ("0316", "Holbæk Kommune", "1085"),
    ("0320", "Faxe Kommune", "1085"),
    ("0326", "Kalundborg Kommune", "1085"),
    ("0329", "Ringsted Kommune", "1085"),
    ("0330", "Slagelse Kommune", "1085"),
    ("0336", "Stevns Kommune", "1085"),
    ("0340", "Sorø Kommune", "1085"),
    ("0350", "Lejre Kommune", "1085"),
    ("0360", "Lolland Kommune", "1085"),
    ("0370", "Næstved Kommune", "1085"),
    ("0376", "Guldborgsund Kommune", "1085"),
    ("0390", "Vordingborg Kommune", "1085"),
    ("0400", "Bornholms Regionskommune", "1084"),
    ("0410", "Middelfart Kommune", "1083"),
    ("0420", "Assens Kommune", "1083"),
    ("0430", "Faaborg-Midtfyn Kommune", "1083"),
    ("0440", "Kerteminde Kommune", "1083"),
    ("0450", "Nyborg Kommune", "1083"),
    ("0461", "Odense Kommune", "1083"),
    ("0479", "Svendborg Kommune", "1083"),
    ("0480", "Nordfyns Kommune", "1083"),
    ("0482", "Langeland Kommune", "1083"),
    ("0492", "Ærø Kommune", "1083"),
    ("0510", "Haderslev Kommune", "1083"),
    ("0530", "Billund Kommune", "1083"),
    ("0540", "Sønderborg Kommune", "1083"),
    ("0550", "Tønder Kommune", "1083"),
    ("0561", "Esbjerg Kommune", "1083"),
    ("0563", "Fanø Kommune", "1083"),
    ("0573", "Varde Kommune", "1083"),
    ("0575", "Vejen Kommune", "1083"),
    ("0580", "Aabenraa Kommune", "1083"),
    ("0607", "Fredericia Kommune", "1083"),
    ("0615", "Horsens Kommune", "1082"),
    ("0621", "Kolding Kommune", "1083"),
    ("0630", "Vejle Kommune", "1083"),
    ("0657", "Herning Kommune", "1082"),
    ("0661", "Holstebro Kommune", "1082"),
    ("0665", "Lemvig Kommune", "1082"),
    ("0671", "Struer Kommune", "1082"),
    ("0706", "Syddjurs Kommune", "1082"),
    ("0707", "Norddjurs Kommune", "1082"),
    ("0710", "Favrskov Kommune", "1082"),
    ("0727", "Odder Kommune", "1082"),
    ("0730", "Randers Kommune", "1082"),
    ("0740", "Silkeborg Kommune", "1082"),
    ("0741", "Samsø Kommune", "1082"),
    ("0746", "Skanderborg Kommune", "1082"),
    ("0751", "Aarhus Kommune", "1082"),
    ("0756", "Ikast-Brande Kommune", "1082"),
    ("0760", "Ringkøbing-Skjern Kommune", "1082"),
    ("0766", "Hedensted Kommune", "1082"),
    ("0773", "Morsø Kommune", "1081"),
    ("0779", "Skive Kommune", "1082"),
    ("0787", "Thisted Kommune", "1081"),
    ("0791", "Viborg Kommune", "1082"),
    ("0810", "Brønderslev Kommune", "1081"),
    ("0813", "Frederikshavn Kommune", "1081"),
    ("0820", "Vesthimmerlands Kommune", "1081"),
    ("0825", "Læsø Kommune", "1081"),
    ("0840", "Rebild Kommune", "1081"),
    ("0846", "Mariagerfjord Kommune", "1081"),
    ("0849", "Jammerbugt Kommune", "1081"),
    ("0851", "Aalborg Kommune", "1081"),
    ("0860", "Hjørring Kommune", "1081"),
]


def add_public_authorities(apps, schema_editor):
    Organisation = apps.get_model("people", "Organisation")
    regions = {}
    for code, name in REGIONS.items():
        regions[code], _ = Organisation.objects.update_or_create(
            kind="region", official_code=code, defaults={"name": name}
        )
    for code, name, region_code in MUNICIPALITIES:
        Organisation.objects.update_or_create(
            kind="kommune",
            official_code=code,
            defaults={"name": name, "region": regions[region_code]},
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0003_organisation_region")]

    operations = [migrations.RunPython(add_public_authorities, migrations.RunPython.noop)]
