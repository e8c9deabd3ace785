"""One sentence in, what happened out: ACLED event type, stated fatalities, and an unmappable "where" as written."""

from __future__ import annotations

import re

# (pattern, event_type, sub_event_type, violent); the first match wins, so the specific come first.
EVENT_RULES = [
    (
        r"(?<!melanggar )(?<!pelanggaran )(?<!violated the )(?<!violation of the )(?<!violating the )"
        r"(?:gencatan senjata|cease-?fire|truce)(?! violation)",
        "Strategic developments",
        "Agreement",
        False,
    ),
    (
        r"penembakan|penembakan artileri|menembaki|ditembaki|shell(?:ing|ed|s)|artill?er[iy]|mortir|mortars?|roket|"
        r"rockets?|rudal|missiles?|bombardment|pengeboman|howitzer|grad\b",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        True,
    ),
    (
        r"serangan (?:udara|drone|pesawat tak berawak|pesawat nirawak)|drone strikes?|air ?strikes?|drones? attack|kamikaze drone|"
        r"bombed from the air|warplanes?|strikes?\s+(?:on|hit|against|near|targeting)\b|struck\b|"
        r"menghantam|dihantam|drones?\s+(?:\w+\s+){0,3}?(?:hit|slammed|menyerang)\b|"
        r"bombs?\s+(?:fell|dropped|landed|hit|struck)\b|dropped bombs?",
        "Explosions/Remote violence",
        "Air/drone strike",
        True,
    ),
    (
        r"ranjau|landmines?|\bmines?\b(?! of)|\bIEDs?\b|bom rakitan|roadside bomb|improvised explosive",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        True,
    ),
    (
        r"bentrok(?:an)?|pertempuran|baku tembak|kontak senjata|berperang|perang\b|clash(?:es|ed)?|fighting|"
        r"battles?\b|firefight|gunfight|exchange of fire|skirmish(?:es)?|\bwar\b|hostilities|serangan|attack(?:s|ed)?|"
        r"offensive|provocation|provokasi|subversive|subversif|tewas|killed|wounded|terluka|luka-luka|gugur|melukai|"
        r"destroyed (?:a|an|the|its|their)\b|menghancurkan|"
        r"captured|retook|retaken|recaptured|regained|merebut kembali|took control|taken control|seized|merebut|menguasai|advanced|menyerbu|stormed|menyerang|diserang|"
        r"penyerangan|penembakan|assaults?|repelled|repulsed|beat(?:en)? back|fought off|"
        r"pushed\s+(?:[\w-]+\s+){0,3}?back\b|(?<!air )raid(?:ed|s)?\b(?!\s+(?:alert|siren|warning|shelter)s?\b)|killing\b|(?:took|taken)\s+(?-i:[A-Z])|"
        r"(?:military |security |counter-?terrorism )?operation against|menangkis|exchanged fire|exchanging fire|opened fire|"
        r"fired (?:at|on|upon|first)|melepaskan tembakan|kontak tembak|tembak-menembak|ambush(?:ed)?|penghadangan|"
        r"membalas tembakan|tembakan balasan|returned fire|returning fire|serangan balasan|menggempur|digempur|gempuran",
        "Battles",
        "Armed clash",
        True,
    ),
    (r"unjuk rasa|demonstrasi|protes|protest(?:s|ers|ed)?|rally|rallies", "Protests", "Peaceful protest", False),
    (r"ditangkap|menangkap|arrested|detained|ditahan", "Strategic developments", "Arrests", False),
    (
        r"shot down|intercepted|destroyed \d+ drones|menembak jatuh|ditembak jatuh|dicegat",
        "Strategic developments",
        "Disrupted weapons use",
        False,
    ),
    (
        r"menyepakati|sepakat|setuju|kesepakatan|perjanjian|agreed|agreement|accords?\b|deal\b",
        "Strategic developments",
        "Agreement",
        False,
    ),
]
_EVENT_RE = [(re.compile(r"\b(?:" + p + r")", re.I), t, s, v) for p, t, s, v in EVENT_RULES]
# "residents had heard no fighting", "tidak ada serangan": a negated keyword reports no event
_NEGATED = re.compile(r"\b(?:no|not|never|without|nor|tidak ada|tak ada|tanpa|belum ada|bukan)\s+(?:[\w-]+\s+)?$", re.I)
# "called for an immediate end to the hostilities", "menyerukan penghentian pertempuran": a call, not an event
_CALL_TO_END = re.compile(
    r"\b(?:end to|halt to|stop to|cessation of|ending|de-?escalation of|penghentian|mengakhiri|menghentikan|"
    r"hentikan|akhiri)\s+(?:the\s+|all\s+|semua\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
# "resumed shelling of Jermuk, a day after a truce was announced": the truce is the shelling's context
_AFTER_TRUCE = re.compile(
    r"\b(?:despite|after|since|in spite of|meski(?:pun)?|setelah|sejak|pasca)\s+(?:[\w-]+\s+){0,3}$", re.I
)


def _stated(text: str, m: re.Match, sub_type: str, violent: bool) -> bool:
    """The keyword reports the event: not negated ("heard no fighting"), and a truce is not only the context of
    violence the sentence reports ("shelling resumed despite the truce")."""
    if _NEGATED.search(text, max(0, m.start() - 30), m.start()) or _CALL_TO_END.search(
        text, max(0, m.start() - 40), m.start()
    ):
        return False
    if sub_type == "Agreement" and _AFTER_TRUCE.search(text, max(0, m.start() - 40), m.start()):
        return not any(v and rx.search(text) for rx, _t, _s, v in _EVENT_RE)
    return True


_CIVILIAN = re.compile(r"warga sipil|civilians?|penduduk|residents|villagers", re.I)


def event_of(text: str, earliest: bool = False) -> tuple[str, str, bool] | None:
    """The sentence's ACLED (event type, sub-event type, violent?), or None when it reports no event.

    Rules are tried in priority order (a ceasefire before the clash it ends); ``earliest`` takes the keyword
    that comes first instead (background sentences: "fought a war in 2020 … which ended with a truce").
    """
    rules = _EVENT_RE
    if earliest:
        hits = [(m.start(), i) for i, (rx, *_rest) in enumerate(_EVENT_RE) if (m := rx.search(text))]
        rules = [_EVENT_RE[i] for _, i in sorted(hits)]
    for rx, event_type, sub_type, violent in rules:
        if any(_stated(text, m, sub_type, violent) for m in rx.finditer(text)):
            if (
                sub_type == "Armed clash"
                and _CIVILIAN.search(text)
                and not re.search(r"tentara|soldiers|troops|pasukan|servicemen|prajurit|positions|posisi", text, re.I)
            ):
                return "Violence against civilians", "Attack", True
            return event_type, sub_type, violent
    return None


_NUMBER_WORDS = (
    {
        w: i
        for i, w in enumerate(
            [
                "nol",
                "satu",
                "dua",
                "tiga",
                "empat",
                "lima",
                "enam",
                "tujuh",
                "delapan",
                "sembilan",
                "sepuluh",
                "sebelas",
            ]
        )
    }
    | {
        w: i
        for i, w in enumerate(
            ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        )
    }
    | {"seorang": 1, "thirteen": 13, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100}
)
_NUM = r"(\d[\d,.]*|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_DEATH = r"(?:tewas|meninggal(?: dunia)?|terbunuh|gugur|killed|dead|died|deaths?|lives)"
_FATALITIES = [
    re.compile(r"\b" + _NUM + r"\s+(?:\w+\s+){0,4}?" + _DEATH + r"\b", re.I),
    re.compile(
        r"\b(?:menewaskan|killing|killed|death toll (?:rose |climbed )?(?:to|of|at))\s+(?:at least |sedikitnya |"
        r"setidaknya )?" + _NUM + r"\b",
        re.I,
    ),
]


def fatalities_of(text: str) -> int | None:
    """A stated number of deaths ("menewaskan 3 tentara", "49 soldiers were killed"); None when none is given."""
    for rx in _FATALITIES:
        m = rx.search(text)
        if m:
            value = m.group(1).lower()
            if value in _NUMBER_WORDS:
                return _NUMBER_WORDS[value]
            digits = value.replace(",", "").replace(".", "")
            if digits.isdigit() and len(digits) <= 6 and not re.fullmatch(r"(19|20)\d\d", digits):
                return int(digits)
    return None


_VAGUE = re.compile(
    r"(?:(?:di )?sepanjang |along (?:the )?)?(?:perbatasan(?:\s+(?:antara\s+)?[A-Z]\w+(?:\s+(?:dengan|dan)\s+"
    r"[A-Z]\w+)?)?|(?:[A-Z]\w+(?:'s|’s)?\s+)?border(?:\s+(?:with|between)\s+[A-Z]\w+(?:\s+and\s+[A-Z]\w+)?)?|"
    r"garis depan|front ?lines?|garis kontak|line of contact)"
)


def vague_place(text: str) -> str:
    """ "perbatasan Armenia dengan Azerbaijan", "along the border": the unmappable where, as written."""
    m = _VAGUE.search(text)
    if not m:
        return ""
    return re.sub(r"^(?:di )?sepanjang |^along (?:the )?", "", m.group())
