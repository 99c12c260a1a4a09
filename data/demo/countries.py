"""The countries at the conference: how their people and organisations are named."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    """What the demo needs to know to name people and organisations of one country."""

    name: str
    adjective: str
    locale: str
    tld: str
    weight: float
    company_forms: tuple[str, str]  # (small company, large company)
    regions: tuple[str, ...]
    cities: tuple[str, ...]


# fmt: off
COUNTRIES: dict[str, Country] = {
    "DE": Country(
        "Germany", "German", "de_DE", "de", 22, ("GmbH", "AG"),
        ("Northern Germany", "Schleswig-Holstein", "Hamburg", "Mecklenburg-Vorpommern",
         "Berlin-Brandenburg", "Lower Saxony", "Bremen", "Saxony"),
        ("Hamburg", "Kiel", "Rostock", "Lübeck", "Bremen", "Berlin", "Flensburg", "Greifswald",
         "Hannover", "Dresden", "Wismar", "Stralsund"),
    ),
    "DK": Country(
        "Denmark", "Danish", "da_DK", "dk", 9, ("ApS", "A/S"),
        ("Funen", "Zealand", "North Jutland", "Central Denmark", "Southern Denmark", "Bornholm"),
        ("Copenhagen", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Kolding", "Vejle", "Roskilde"),
    ),
    "SE": Country(
        "Sweden", "Swedish", "sv_SE", "se", 10, ("AB", "AB"),
        ("Skåne", "West Sweden", "Stockholm-Mälardalen", "Norrbotten", "Småland", "Östergötland"),
        ("Stockholm", "Gothenburg", "Malmö", "Lund", "Umeå", "Luleå", "Linköping", "Karlskrona"),
    ),
    "NO": Country(
        "Norway", "Norwegian", "no_NO", "no", 6, ("AS", "ASA"),
        ("Western Norway", "Trøndelag", "Agder", "Northern Norway", "Viken"),
        ("Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Kristiansand", "Ålesund"),
    ),
    "FI": Country(
        "Finland", "Finnish", "fi_FI", "fi", 9, ("Oy", "Oyj"),
        ("Southwest Finland", "Uusimaa", "Ostrobothnia", "North Karelia", "Lapland", "Pirkanmaa"),
        ("Helsinki", "Turku", "Tampere", "Oulu", "Espoo", "Vaasa", "Kuopio", "Lahti"),
    ),
    "EE": Country(
        "Estonia", "Estonian", "et_EE", "ee", 6, ("OÜ", "AS"),
        ("Harju", "Tartu County", "Ida-Viru", "Pärnu County", "Saaremaa"),
        ("Tallinn", "Tartu", "Pärnu", "Narva", "Viljandi", "Kuressaare"),
    ),
    "LV": Country(
        "Latvia", "Latvian", "lv_LV", "lv", 6, ("SIA", "AS"),
        ("Kurzeme", "Vidzeme", "Latgale", "Zemgale", "Riga Region"),
        ("Riga", "Liepāja", "Ventspils", "Jelgava", "Daugavpils", "Valmiera"),
    ),
    "LT": Country(
        "Lithuania", "Lithuanian", "lt_LT", "lt", 7, ("UAB", "AB"),
        ("Klaipėda Region", "Kaunas Region", "Vilnius Region", "Šiauliai Region"),
        ("Vilnius", "Kaunas", "Klaipėda", "Šiauliai", "Panevėžys", "Palanga"),
    ),
    "PL": Country(
        "Poland", "Polish", "pl_PL", "pl", 10, ("sp. z o.o.", "S.A."),
        ("Pomerania", "West Pomerania", "Warmia-Masuria", "Mazovia", "Lower Silesia"),
        ("Gdańsk", "Gdynia", "Szczecin", "Sopot", "Olsztyn", "Warsaw", "Poznań", "Wrocław"),
    ),
    "IS": Country(
        "Iceland", "Icelandic", "is_IS", "is", 2, ("ehf.", "hf."),
        ("Capital Region", "Westfjords", "North Iceland", "Reykjanes"),
        ("Reykjavík", "Akureyri", "Hafnarfjörður", "Ísafjörður"),
    ),
    "NL": Country(
        "the Netherlands", "Dutch", "nl_NL", "nl", 1.2, ("B.V.", "N.V."),
        ("North Holland", "South Holland", "Groningen"),
        ("Rotterdam", "Amsterdam", "Eindhoven", "Groningen", "Delft"),
    ),
    "FR": Country(
        "France", "French", "fr_FR", "fr", 0.8, ("SAS", "SA"),
        ("Brittany", "Normandy", "Hauts-de-France"),
        ("Brest", "Nantes", "Lille", "Rennes", "Le Havre"),
    ),
    "UA": Country(
        "Ukraine", "Ukrainian", "", "ua", 1.0, ("LLC", "PJSC"),
        ("Odesa Region", "Lviv Region", "Kyiv Region"),
        ("Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro"),
    ),
    "GB": Country(
        "the United Kingdom", "British", "en_GB", "co.uk", 0.8, ("Ltd", "plc"),
        ("Scotland", "North East England", "Humber"),
        ("Aberdeen", "Edinburgh", "Hull", "Newcastle", "Glasgow"),
    ),
    "GR": Country(
        "Greece", "Greek", "", "gr", 0.4, ("IKE", "S.A."),
        ("Attica", "Central Macedonia", "Crete"),
        ("Athens", "Thessaloniki", "Piraeus", "Patras"),
    ),
}
# fmt: on

# Faker has no Latin-script names for these: transliterated names as registration forms show them.
LATIN_NAMES: dict[
    str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
] = {
    "UA": (
        ("Oleksandr", "Andrii", "Dmytro", "Serhii", "Mykola", "Taras", "Yurii", "Bohdan"),
        ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchuk", "Lysenko"),
        ("Olena", "Iryna", "Kateryna", "Oksana", "Nataliia", "Yuliia", "Sofiia", "Halyna"),
        ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchuk", "Lysenko"),
    ),
    "GR": (
        ("Georgios", "Dimitrios", "Konstantinos", "Nikolaos", "Ioannis", "Panagiotis"),
        ("Papadopoulos", "Georgiou", "Nikolaidis", "Karagiannis", "Vlachos", "Oikonomou"),
        ("Maria", "Eleni", "Katerina", "Sofia", "Dimitra", "Anastasia"),
        ("Papadopoulou", "Georgiou", "Nikolaidou", "Karagianni", "Vlachou", "Oikonomou"),
    ),
}
