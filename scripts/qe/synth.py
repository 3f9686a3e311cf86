"""Synthetic translation errors from MLQE post-edits (.src + .pe = a source and a clean translation).

Deterministic: every choice comes from a random.Random seeded with (seed, row id). Targets: English
(et/ne/ro/ru/si-en), German (en-de), Chinese (en-zh). Works on the Moses-tokenised post-edit words, then
detokenises; the changed words are tagged BAD (tag 1), every other target word OK.

Kinds (MAJOR -> major=1, MINOR -> major=0 but the changed words still BAD, CLEAN -> major=0, all OK):
  negation, antonym, number, name, swap_roles (agent and patient), voice (en active<->passive with the roles
  reversed), omission, addition, untranslated, unrelated, scramble, tense (en, de: an auxiliary or copula moved
  between past and present; not in MIX, used by contrast.py), and for stage 3 (contrast.py --mix 3): gender (a
  pronoun or gendered noun), hypernym (a specific word for a general one, or back), fluent_addition (an adjective,
  adverb or time/place phrase that reads naturally) | repeat, typo, adjacent_swap.
Source tags: BAD where we can tell which source words lost or changed their translation (names, numbers,
omitted words via the src-mt alignments when the post-edit equals the MT, verbatim matches); for omissions
we cannot place on the source, the target words on both sides of the gap are BAD instead. Where the source
side cannot be told (negation, antonym, swaps, addition, untranslated), source tokens are unlabelled.
"""
import random, re

from data import project

MAJOR = ["negation", "antonym", "number", "name", "swap_roles", "voice", "omission", "addition", "untranslated",
         "unrelated", "scramble", "tense", "gender", "hypernym", "fluent_addition"]
MINOR = ["repeat", "typo", "adjacent_swap"]

EN_AUX = {"is", "are", "was", "were", "can", "could", "will", "would", "should", "may", "might", "must", "has", "have",
          "had", "does", "did", "do"}
DE_AUX = {"ist", "sind", "war", "waren", "wurde", "wurden", "hat", "haben", "hatte", "hatten", "kann", "konnte",
          "konnten", "wird", "werden", "muss", "soll", "sollte"}
EN_NEG_SWAP = {"never": "always", "always": "never", "nobody": "everybody", "nothing": "everything", "none": "all",
               "cannot": "can", "without": "with"}
DE_NEG_SWAP = {"nie": "immer", "niemals": "immer", "immer": "nie", "nichts": "alles", "niemand": "jeder",
               "kein": "ein", "keine": "eine", "keinen": "einen", "keinem": "einem", "keiner": "einer", "ohne": "mit"}

_EN_ANT = """good bad|large small|big little|high low|early late|first last|old new|young old|long short|increase decrease|
increased decreased|rise fall|rose fell|win lose|won lost|open closed|opened closed|north south|east west|before after|
above below|more less|most least|many few|strong weak|rich poor|major minor|public private|internal external|
success failure|successful unsuccessful|positive negative|male female|men women|husband wife|father mother|son daughter|
brother sister|king queen|allowed forbidden|accepted rejected|entered left|bought sold|maximum minimum|inside outside|
upper lower|ancient modern|heavy light|hot cold|wet dry|easy difficult|true false|full empty|higher lower|larger smaller|
older younger|best worst|better worse|western eastern|northern southern|beginning end|start end|started ended|begin end|
permanent temporary|legal illegal|possible impossible|common rare|often rarely|together apart|victory defeat|love hate|
friend enemy|same different|agree disagree|include exclude|included excluded|import export|arrived departed|won lost"""
_DE_ANT = """gut schlecht|groß klein|große kleine|großen kleinen|hoch niedrig|früh spät|erste letzte|ersten letzten|alt neu|
alte neue|alten neuen|jung alt|lang kurz|lange kurze|Norden Süden|Osten Westen|nördlich südlich|östlich westlich|
vor nach|mehr weniger|viele wenige|stark schwach|starke schwache|reich arm|öffentlich privat|öffentlichen privaten|
Erfolg Misserfolg|erfolgreich erfolglos|positiv negativ|Mann Frau|Männer Frauen|Vater Mutter|Sohn Tochter|
Bruder Schwester|König Königin|gewann verlor|gewonnen verloren|Sieg Niederlage|begann endete|Anfang Ende|
höher niedriger|größer kleiner|größte kleinste|älteste jüngste|besser schlechter|beste schlechteste|möglich unmöglich|
oft selten|innen außen|oberen unteren|heiß kalt|leicht schwer|wahr falsch|voll leer|gleich verschieden|
stieg fiel|erhöht verringert|Maximum Minimum|westlichen östlichen|nördlichen südlichen|Import Export|männlich weiblich"""
_ZH_ANT = "大 小|高 低|多 少|早 晚|新 旧|长 短|男 女|东 西|南 北|最大 最小|增加 减少|成功 失败|开始 结束|上升 下降"

# Stage 3's wider antonym lexicon (Synth(wide=True)); stage 2 used the lists above only, and keeps doing so so
# that its run reproduces. Opposite verbs, un-/in-/dis- adjectives and everyday opposites.
_EN_ANT_MORE = """accept reject|accepted rejected|approve reject|approved rejected|confirm deny|confirmed denied|
admitted denied|supported opposed|supports opposes|raise lower|raised lowered|gain lose|gained lost|
buy sell|buys sells|sent received|send receive|gave took|give take|built destroyed|build destroy|found lost|
attack defend|attacked defended|remember forget|remembered forgot|succeed fail|succeeded failed|add remove|
added removed|enter leave|entered exited|borrow lend|borrowed lent|expand shrink|expanded shrank|strengthen weaken|
strengthened weakened|increase reduce|increases decreases|rising falling|growing shrinking|grew shrank|
able unable|likely unlikely|known unknown|expected unexpected|usual unusual|fair unfair|happy unhappy|
popular unpopular|necessary unnecessary|official unofficial|stable unstable|certain uncertain|employed unemployed|
aware unaware|available unavailable|complete incomplete|correct incorrect|direct indirect|formal informal|
dependent independent|visible invisible|appropriate inappropriate|honest dishonest|regular irregular|
responsible irresponsible|relevant irrelevant|polite impolite|perfect imperfect|moral immoral|cheap expensive|
safe dangerous|clean dirty|quiet loud|slow fast|quickly slowly|thick thin|wide narrow|deep shallow|near far|
dark bright|soft hard|happy sad|alive dead|healthy sick|guilty innocent|top bottom|day night|war peace|
summer winter|morning evening|sunrise sunset|winner loser|winners losers|profit loss|profits losses|
employer employee|teacher student|teachers students|buyer seller|parents children|boys girls|boy girl|
maximum minimum|lowest highest|cheaper dearer|later earlier|past future|ancient recent|arrival departure|
import export|imports exports|increase decline|strengthened weakened|peaceful violent|legal unlawful|
domestic foreign|local national|urban rural|friendly hostile|optimistic pessimistic|majority minority|
richer poorer|stronger weaker|faster slower|cheapest dearest|dangerous harmless|agreed refused|allow ban|
allowed banned|win defeat|freed arrested|released detained|hired fired|love fear|praised criticised|
praised criticized|welcomed condemned|joined left|open shut"""
_DE_ANT_MORE = """billig teuer|billiger teurer|sicher gefährlich|sauber schmutzig|leise laut|langsam schnell|dick dünn|
breit schmal|tief flach|nah fern|dunkel hell|weich hart|glücklich traurig|lebendig tot|gesund krank|
schuldig unschuldig|Krieg Frieden|Sommer Winter|Morgen Abend|Tag Nacht|kaufen verkaufen|kaufte verkaufte|
gekauft verkauft|akzeptiert abgelehnt|erlaubt verboten|bekannt unbekannt|wahrscheinlich unwahrscheinlich|
abhängig unabhängig|sichtbar unsichtbar|zufrieden unzufrieden|richtig falsch|steigen sinken|stieg sank|
steigt sinkt|gewinnen verlieren|Gewinn Verlust|Gewinne Verluste|Angriff Verteidigung|geöffnet geschlossen|
öffnen schließen|Eingang Ausgang|oben unten|links rechts|vorne hinten|Beginn Ende|zuerst zuletzt|
Mehrheit Minderheit|städtischen ländlichen|inländischen ausländischen|freundlich feindlich|optimistisch pessimistisch|
Sieger Verlierer|Käufer Verkäufer|Lehrer Schüler|Arbeitgeber Arbeitnehmer|Eltern Kinder|Junge Mädchen|
unterstützt abgelehnt|bestätigt dementiert|erhöhen senken|erhöht gesenkt|zunehmen abnehmen|nimmt verliert|
einfach schwierig|einfache schwierige|neue alte|jüngere ältere|nächsten letzten|später früher|Zukunft Vergangenheit|
sicherer gefährlicher|mehrere wenige|hohe niedrige|hohen niedrigen|starken schwachen|frei gefangen|
verhaftet freigelassen|gelobt kritisiert|Freund Feind|Freunde Feinde|heiß kalt|warm kalt|wärmer kälter"""
_ZH_ANT_MORE = "买 卖|赢 输|胜利 失败|支持 反对|接受 拒绝|增长 下降|提高 降低|安全 危险|便宜 贵|快 慢|冷 热|白天 夜晚|战争 和平|朋友 敌人|多数 少数|进口 出口|国内 国外|城市 农村|可能 不可能|同意 反对"

# Gender: one pronoun or gendered noun moved to the other sex (German only where the swap is unambiguous:
# "sie" is also "they" and "Sie" "you").
_EN_GENDER = """he she|him her|his her|himself herself|man woman|men women|Mr Ms|boy girl|boys girls|father mother|
son daughter|brother sister|husband wife|king queen|prince princess|uncle aunt|nephew niece|grandfather grandmother|
gentleman lady|actor actress|businessman businesswoman|chairman chairwoman|spokesman spokeswoman|male female|
fathers mothers|sons daughters|brothers sisters|husbands wives|kings queens"""
_DE_GENDER = """er sie|sein ihr|seine ihre|seinen ihren|seinem ihrem|seiner ihrer|seines ihres|Herr Frau|Mann Frau|
Männer Frauen|Vater Mutter|Sohn Tochter|Bruder Schwester|König Königin|Onkel Tante|Sprecher Sprecherin|
Präsident Präsidentin|Minister Ministerin|Lehrer Lehrerin|Schauspieler Schauspielerin|Kanzler Kanzlerin"""
_ZH_GENDER = "他 她|男人 女人|父亲 母亲|儿子 女儿|兄弟 姐妹|丈夫 妻子|国王 女王|先生 女士"

# Hypernyms (and hyponyms, read backwards): a specific word swapped for a general one loses what was said.
_EN_HYPER = """car vehicle|cars vehicles|truck vehicle|bus vehicle|dog animal|dogs animals|cat animal|cats animals|
horse animal|horses animals|cow animal|cows animals|lion animal|wolf animal|bird animal|birds animals|eagle bird|
rose flower|roses flowers|apple fruit|apples fruit|oak tree|pine tree|wheat crop|rice food|bread food|
piano instrument|guitar instrument|violin instrument|football sport|soccer sport|tennis sport|hockey sport|
hammer tool|rifle weapon|rifles weapons|gun weapon|guns weapons|sword weapon|knife weapon|ship vessel|
boat vessel|ships vessels|novel book|novels books|newspaper publication|magazine publication|church building|
hospital building|cathedral church|castle building|village place|town place|city place|cities places|
gold metal|iron metal|copper metal|silver metal|steel metal|wine drink|beer drink|coffee drink|tea drink|milk drink|
mother parent|father parent|son child|daughter child|brother sibling|sister sibling|wife spouse|husband spouse|
king ruler|queen ruler|emperor ruler|senator politician|minister politician|president leader|
soldier person|doctor person|lawyer person|teacher person|surgeon doctor|nurse worker|farmer worker|
salmon fish|trout fish|shark fish|oxygen gas|diamond stone|granite stone|pistol weapon|lake water|sea water|
island land|mountain hill|
river stream|forest wood|poem text|song piece|film work|painting work|statue work|cancer disease|flu illness|
football game|chess game|university institution|school institution|bank institution|company organisation"""
_DE_HYPER = """Auto Fahrzeug|Autos Fahrzeuge|Hunde Tiere|Pferde Tiere|Vögel Tiere|Katzen Tiere|Rose Blume|Rosen Blumen|
Gewehre Waffen|Pistole Waffe|Romane Bücher|Krankenhaus Gebäude|Schloss Gebäude|Gold Metall|Eisen Metall|Silber Metall|
Bier Getränk|König Herrscher|Kaiser Herrscher|Senator Politiker|Minister Politiker|Präsident Politiker|Soldat Mensch|
Arzt Mensch|Lachs Fisch|Berg Hügel|Lied Stück|Gemälde Werk|Universität Einrichtung|Schule Einrichtung|
Firma Organisation|Klavier Instrument|Fußball Sport|Söhne Kinder|Töchter Kinder|Städte Orte|Dörfer Orte"""


# Fluent additions: a word or phrase that reads naturally but says something the source does not.
EN_ADD_ADJ = ["new", "former", "local", "senior", "major", "small", "large", "young", "private", "national", "foreign",
              "recent", "famous", "popular", "official", "secret", "military", "political", "wealthy", "old",
              "controversial", "illegal", "elderly", "powerful", "British", "American", "Russian", "rural", "huge",
              "disputed", "unpopular", "ancient", "temporary", "rare"]
# Words after a determiner that take no extra adjective in front ("the same", "the first").
EN_ADD_NOT_BEFORE = {"same", "other", "first", "last", "next", "most", "best", "following", "only", "whole", "entire",
                     "rest", "latter", "former", "previous", "second", "third", "few", "many", "more", "least", "very"}
EN_ADD_ADV = ["also", "reportedly", "allegedly", "recently", "still", "only", "finally", "again", "nearly", "almost",
              "secretly", "quickly", "never", "already", "deliberately", "rarely", "twice", "briefly", "apparently",
              "initially", "eventually", "repeatedly", "officially", "strongly"]
EN_ADD_TAIL = ["last year", "on Monday", "on Friday", "in 2015", "in 2019", "for the first time", "in secret",
               "without permission", "by mistake", "at night", "two years ago", "in the capital", "with his family",
               "for three days", "in the north", "after the war", "every week", "in protest", "for free", "by car"]
DE_ADD_ADV = ["auch", "bereits", "angeblich", "wieder", "nur", "fast", "noch", "heimlich", "schnell", "nie", "erst",
              "kürzlich", "zweimal", "offiziell", "absichtlich", "endlich", "selten", "vermutlich", "sofort"]
DE_ADD_TAIL = ["im letzten Jahr", "am Montag", "am Freitag", "im Jahr 2015", "zum ersten Mal", "heimlich",
               "ohne Erlaubnis", "aus Versehen", "in der Nacht", "vor zwei Jahren", "in der Hauptstadt",
               "mit seiner Familie", "drei Tage lang", "im Norden", "nach dem Krieg", "jede Woche", "aus Protest"]
ZH_ADD_ADV = ["也", "已经", "又", "只", "几乎", "秘密地", "据报道", "终于", "从未", "再次", "曾经", "立即"]
ZH_ADD_HEAD = ["去年", "上周一", "据报道，", "2015年", "昨天晚上", "两年前", "在首都", "秘密地"]


# Tense flips: one auxiliary or copula moved between past and present/future (the event's time changes).
_EN_TENSE = "is was|are were|has had|have had|will would|does did|do did|can could|says said|said says|wins won|won wins"
_DE_TENSE = "ist war|sind waren|hat hatte|haben hatten|wird wurde|werden wurden|kann konnte|können konnten|sagt sagte|sagte sagt"


def _pairs(text):
    d = {}
    for p in text.replace("\n", "").split("|"):
        a, b = p.split()
        d.setdefault(a, b)
        d.setdefault(b, a)
    return d


ANT = {"en": _pairs(_EN_ANT), "de": _pairs(_DE_ANT), "zh": _pairs(_ZH_ANT)}
ANT_WIDE = {k: {**ANT[k], **_pairs(m)} for k, m in (("en", _EN_ANT_MORE), ("de", _DE_ANT_MORE), ("zh", _ZH_ANT_MORE))}
GENDER = {"en": _pairs(_EN_GENDER), "de": _pairs(_DE_GENDER), "zh": _pairs(_ZH_GENDER)}
for _g, _amb in (("de", ("sie", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres")), ("en", ("her",))):
    for _w in _amb:  # German "sie"/"ihr" are also "they"/"their"; English "her" may be "him" or "his": one way only
        GENDER[_g].pop(_w, None)
GENDER["en"]["her"] = "his"
# One way only (specific -> general): read backwards, "work" or "place" would turn into "film" or "village".
HYPER = {k: dict(p.split() for p in t.replace("\n", "").split("|")) for k, t in (("en", _EN_HYPER), ("de", _DE_HYPER))}
TENSE = {"en": _pairs(_EN_TENSE), "de": _pairs(_DE_TENSE)}
EN_NUM = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
DE_NUM = ["eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"]
STOP = {"en": set("the a an of in on at to for from by with and or but as is are was were be been it its this that these "
                  "those he she they we you i his her their our which who whom whose also not".split()),
        "de": set("der die das den dem des ein eine einen einem einer und oder aber in im an am auf zu zum zur von vom "
                  "mit für ist sind war waren es er sie wir ich auch nicht als wie bei aus sich".split()),
        "zh": set("的 了 在 是 和 与 也 他 她 它 这 那 有 就 都 而 及 着 将 被 把".split())}
NO_SPACE_BEFORE = set(",.;:!?%)]}»") | {"'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "...", "“", "”"}
NO_SPACE_AFTER = set("([{«„")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def detok(words, lang):
    """Simple Moses-style detokenisation (the MLQE post-edits are tokenised; the tool reads raw text)."""
    out = ""
    quote_open = False
    for i, w in enumerate(words):
        if i == 0:
            out = w
            if w == '"':
                quote_open = True
            continue
        prev = words[i - 1]
        space = True
        if lang == "zh" and (CJK.search(w[:1]) or CJK.search(prev[-1:])):
            space = False
        elif w in NO_SPACE_BEFORE or w.startswith("'") and len(w) <= 3 and lang == "en":
            space = False
        elif prev in NO_SPACE_AFTER:
            space = False
        elif w == '"':
            space = not quote_open
        elif prev == '"' and quote_open:
            space = False
        elif w in ("-", "–") and prev and prev[-1].isdigit():
            space = True
        if w == '"':
            quote_open = not quote_open
        out += (" " if space else "") + w
    return out


def lang_of(lp):
    return lp.split("-")[1]


def _is_name(w, lang):
    return (len(w) > 1 and w[0].isupper() and w.isalpha() and w.lower() not in STOP.get(lang, ()) and not w.isupper()) if lang != "zh" else False


def name_spans(words, src_words, lang):
    """Runs of capitalised words (not sentence-initial) that also occur verbatim in the source."""
    src = set(src_words)
    spans, i = [], 1
    while i < len(words):
        if _is_name(words[i], lang) and words[i] in src:
            j = i
            while j + 1 < len(words) and _is_name(words[j + 1], lang) and words[j + 1] in src:
                j += 1
            spans.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return spans


def np_spans(words, lang):
    """English 'the/a X' noun-phrase-like spans (determiner + one or two lowercase words)."""
    out = []
    if lang != "en":
        return out
    for i, w in enumerate(words[:-1]):
        if w.lower() in ("the", "a", "an", "his", "her", "their") and words[i + 1].isalpha() and words[i + 1].islower():
            j = i + 2
            if j < len(words) and words[j].isalpha() and words[j].islower() and words[j] not in STOP["en"] and len(words[j]) > 3:
                j += 1
            out.append((i, j))
    return out


class Synth:
    def __init__(self, base, seed, wide=False):
        """base: MLQE train records (with tok_src, tok_pe, tok_mt, align). Builds per-language pools.
        wide: stage 3's antonym lexicon (ANT_WIDE) instead of stage 2's (ANT)."""
        self.seed = seed
        self.wide = wide
        self.base = base
        self.by_lang = {}
        self.names = {}
        for r in base:
            lang = lang_of(r["lp"])
            self.by_lang.setdefault(lang, []).append(r)
            for b, e in name_spans(r["tok_pe"], r["tok_src"], lang):
                self.names.setdefault(lang, set()).add(tuple(r["tok_pe"][b:e]))
        self.names = {k: sorted(v) for k, v in self.names.items()}

    # each perturbation: (words, tags) -> (new_words, new_tags, src_bad_indices or None) or None if not applicable
    def negation(self, rng, w, r, lang):
        swaps = EN_NEG_SWAP if lang == "en" else DE_NEG_SWAP if lang == "de" else {}
        negs = {"en": {"not", "n't"}, "de": {"nicht"}, "zh": {"不", "没有", "没"}}[lang]
        idx = [i for i, x in enumerate(w) if x.lower() in negs]
        if idx:  # remove an existing negation; the word it was attached to is now wrong
            i = rng.choice(idx)
            nw = w[:i] + w[i + 1:]
            tags = [0] * len(nw)
            for j in (i - 1, i):
                if 0 <= j < len(nw):
                    tags[j] = 1
            return nw, tags
        idx = [i for i, x in enumerate(w) if x.lower() in swaps]
        if idx:
            i = rng.choice(idx)
            rep = swaps[w[i].lower()]
            nw = w[:i] + [rep.capitalize() if w[i][0].isupper() else rep] + w[i + 1:]
            tags = [0] * len(nw)
            tags[i] = 1
            return nw, tags
        if lang == "zh":
            idx = [i for i, x in enumerate(w) if x in ("是", "有", "能", "会")]
            if not idx:
                return None
            i = rng.choice(idx)
            nw = w[:i] + [("没" if w[i] == "有" else "不") + w[i]] + w[i + 1:]
            tags = [0] * len(nw)
            tags[i] = 1
            return nw, tags
        aux = EN_AUX if lang == "en" else DE_AUX
        idx = [i for i, x in enumerate(w) if x.lower() in aux and i + 1 < len(w)]
        if not idx:
            return None
        i = rng.choice(idx)
        nw = w[:i + 1] + ["not" if lang == "en" else "nicht"] + w[i + 1:]
        tags = [0] * len(nw)
        tags[i] = tags[i + 1] = 1
        return nw, tags

    @staticmethod
    def _lex_swap(rng, w, lex, lang, only=None):
        """One word found in `lex` (at a position in `only`, if given) replaced by its partner (German matches case
        exactly: nouns are capitalised)."""
        idx = [i for i, x in enumerate(w) if (x in lex or (x.lower() in lex and lang != "de")) and (only is None or i in only)]
        if not idx:
            return None
        i = rng.choice(idx)
        x = w[i]
        rep = lex.get(x) or lex[x.lower()]
        if x[0].isupper() and lang == "en":
            rep = rep[0].upper() + rep[1:]
        nw = list(w)
        nw[i] = rep
        tags = [0] * len(nw)
        tags[i] = 1
        return nw, tags

    def antonym(self, rng, w, r, lang):
        return self._lex_swap(rng, w, (ANT_WIDE if self.wide else ANT).get(lang, {}), lang)

    def gender(self, rng, w, r, lang):
        return self._lex_swap(rng, w, GENDER.get(lang, {}), lang)

    def hypernym(self, rng, w, r, lang):
        # Not inside a name: "Gold Coast", "King Nikola" (copied from the source, or capitalised mid-sentence).
        src = set(r["tok_src"])
        only = {i for i, x in enumerate(w) if x not in src and (lang != "en" or i == 0 or x.islower())}
        return self._lex_swap(rng, w, HYPER.get(lang, {}), lang, only)

    def fluent_addition(self, rng, w, r, lang):
        """A modifier that reads naturally (adjective, adverb, time or place phrase) but is not in the source."""
        end = len(w) - 1 if w and w[-1] in ".!?。" else len(w)
        if end < 3:
            return None
        cands = []  # (position, inserted words)
        if lang == "en":
            for i in range(end - 1):
                nxt = w[i + 1]
                if w[i].lower() in ("the", "a", "an", "his", "her", "their", "its") and nxt.isalpha() and nxt.islower() and nxt not in STOP["en"] \
                        and nxt not in EN_ADD_NOT_BEFORE:
                    adj = rng.choice(EN_ADD_ADJ)
                    if w[i].lower() == "a" and adj[0] in "aeiou":
                        continue
                    if w[i].lower() == "an" and adj[0] not in "aeiou":
                        continue
                    cands.append((i + 1, [adj]))
                if w[i].lower() in EN_AUX and nxt.isalpha() and nxt.islower() and nxt not in ("not", "n't"):
                    cands.append((i + 1, [rng.choice(EN_ADD_ADV)]))
            if w[end - 1].isalpha():
                cands.append((end, rng.choice(EN_ADD_TAIL).split()))
        elif lang == "de":
            for i in range(end - 1):
                if w[i] in DE_AUX and w[i + 1].isalpha() and w[i + 1] not in ("nicht", "kein", "keine"):
                    cands.append((i + 1, [rng.choice(DE_ADD_ADV)]))
            if w[end - 1].isalpha() and "," not in w:
                cands.append((end, rng.choice(DE_ADD_TAIL).split()))
        elif lang == "zh":
            cands.append((0, [rng.choice(ZH_ADD_HEAD)]))
            for i in range(1, end):
                if w[i] in ("是", "有", "在", "说", "将", "会", "被"):
                    cands.append((i, [rng.choice(ZH_ADD_ADV)]))
        if not cands:
            return None
        k, ins = rng.choice(cands)
        nw = w[:k] + ins + w[k:]
        tags = [0] * len(nw)
        for j in range(k, k + len(ins)):
            tags[j] = 1
        return nw, tags

    def tense(self, rng, w, r, lang):
        flip = TENSE.get(lang, {})
        idx = [i for i, x in enumerate(w) if x.lower() in flip]
        if not idx:
            return None
        i = rng.choice(idx)
        rep = flip[w[i].lower()]
        nw = w[:i] + [rep.capitalize() if w[i][0].isupper() else rep] + w[i + 1:]
        tags = [0] * len(nw)
        tags[i] = 1
        return nw, tags

    def number(self, rng, w, r, lang):
        words = EN_NUM if lang == "en" else DE_NUM if lang == "de" else []
        idx = [i for i, x in enumerate(w) if re.fullmatch(r"\d[\d.,]*", x) or x.lower() in words]
        if not idx:
            return None
        i = rng.choice(idx)
        x = w[i]
        if x.lower() in words:
            k = words.index(x.lower())
            rep = words[(k + rng.randint(1, len(words) - 1)) % len(words)]
        else:
            digits = re.sub(r"\D", "", x)
            n = int(digits)
            if 1000 <= n <= 2100 and len(digits) == 4:
                m = n + rng.choice([-1, 1]) * rng.randint(1, 30)
            elif n < 10:
                m = (n + rng.randint(1, 8)) % 10 or 7
            else:
                m = max(0, n + rng.choice([-1, 1]) * max(1, int(n * rng.uniform(0.1, 0.9))))
            rep = str(m)
            if re.search(r"[.,]", x) and len(digits) > 3:
                rep = x  # keep separators, change one digit
                pos = [j for j, c in enumerate(x) if c.isdigit()]
                j = rng.choice(pos)
                rep = x[:j] + str((int(x[j]) + rng.randint(1, 9)) % 10) + x[j + 1:]
        if rep == x:
            return None
        nw = list(w)
        nw[i] = rep
        tags = [0] * len(nw)
        tags[i] = 1
        src_bad = [j for j, s in enumerate(r["tok_src"]) if s == x]
        return nw, tags, src_bad

    def name(self, rng, w, r, lang):
        spans = name_spans(w, r["tok_src"], lang)
        pool = self.names.get(lang, [])
        if not spans or len(pool) < 2:
            return None
        b, e = rng.choice(spans)
        old = tuple(w[b:e])
        rep = old
        for _ in range(10):
            rep = pool[rng.randrange(len(pool))]
            if rep != old and not set(rep) & set(old):
                break
        if rep == old:
            return None
        nw = w[:b] + list(rep) + w[e:]
        tags = [0] * len(nw)
        for j in range(b, b + len(rep)):
            tags[j] = 1
        src_bad = [j for j, s in enumerate(r["tok_src"]) if s in old]
        return nw, tags, src_bad

    def _two_spans(self, rng, w, lang):
        spans = sorted(set(name_spans(w, [x for x in w], lang)) | set(np_spans(w, lang)))
        cands = []
        for a in spans:
            for b in spans:
                if b[0] > a[1] and 1 <= b[0] - a[1] <= 5 and w[a[0]:a[1]] != w[b[0]:b[1]]:
                    between = w[a[1]:b[0]]
                    if any(x.isalpha() and x.islower() for x in between) and not any(x in ",.;:" for x in between):
                        cands.append((a, b))
        return rng.choice(cands) if cands else None

    def swap_roles(self, rng, w, r, lang):
        pick = self._two_spans(rng, w, lang)
        if not pick:
            return None
        (a0, a1), (b0, b1) = pick
        A, B = w[a0:a1], w[b0:b1]
        if a0 == 0 and lang != "de":  # keep sentence-initial capitalisation sensible
            A, B = [A[0][0].lower() + A[0][1:]] + A[1:] if A[0].lower() in STOP.get(lang, ()) else A, B
            B = [B[0][0].upper() + B[0][1:]] + B[1:] if B[0].islower() else B
        nw = w[:a0] + B + w[a1:b0] + A + w[b1:]
        tags = [0] * len(nw)
        for j in list(range(a0, a0 + len(B))) + list(range(a0 + len(B) + (b0 - a1), a0 + len(B) + (b0 - a1) + len(A))):
            tags[j] = 1
        return nw, tags

    def voice(self, rng, w, r, lang):
        if lang != "en":
            return None
        spans = sorted(set(name_spans(w, w, lang)) | set(np_spans(w, lang)))
        starts = {s[0]: s for s in spans}
        for i in rng.sample(range(len(w)), len(w)):
            # "A was/were VERBed by B" -> "A VERBed B"  (B's action becomes A's)
            if w[i] in ("was", "were") and i + 3 < len(w) and w[i + 1].endswith("ed") and w[i + 2] == "by" and (i + 3) in starts:
                nw = w[:i] + [w[i + 1]] + w[i + 3:]
                tags = [0] * len(nw)
                tags[i] = 1
                return nw, tags
            # "A VERBed B" -> "A was VERBed by B"
            if w[i].endswith("ed") and w[i].islower() and i > 0 and any(s[1] == i for s in spans) and (i + 1) in starts:
                nw = w[:i] + ["was", w[i], "by"] + w[i + 1:]
                tags = [0] * len(nw)
                tags[i] = tags[i + 1] = tags[i + 2] = 1
                return nw, tags
        return None

    def omission(self, rng, w, r, lang):
        stop = STOP.get(lang, set())
        idx = [i for i, x in enumerate(w) if (x.isalpha() or lang == "zh") and x.lower() not in stop and len(x) >= (1 if lang == "zh" else 3)]
        if not idx:
            return None
        i = rng.choice(idx)
        n = rng.choice([1, 1, 2, 3])
        j = min(len(w) - 1 if w[-1] in ".!?。" else len(w), i + n)
        if j <= i or j - i >= len(w) - 2:
            return None
        removed = set(range(i, j))
        nw = w[:i] + w[j:]
        tags = [0] * len(nw)
        src_bad = []
        if r["tok_pe"] == r["tok_mt"]:
            src_bad = sorted({s for s, t in r["align"] if t in removed})
        if not src_bad:
            gone = set(w[i:j])
            src_bad = [k for k, s in enumerate(r["tok_src"]) if s in gone and (s[:1].isupper() or s[:1].isdigit())]
        if not src_bad:
            for k in (i - 1, i):
                if 0 <= k < len(nw):
                    tags[k] = 1
            return nw, tags, None
        return nw, tags, src_bad

    def addition(self, rng, w, r, lang):
        pool = self.by_lang[lang]
        other = pool[rng.randrange(len(pool))]["tok_pe"]
        if len(other) < 6 or other == w:
            return None
        n = rng.randint(2, 5)
        s = rng.randrange(0, len(other) - n)
        ins = [x for x in other[s:s + n] if x not in ".!?。"]
        if not ins:
            return None
        k = rng.randint(1, max(1, len(w) - 1))
        nw = w[:k] + ins + w[k:]
        tags = [0] * len(nw)
        for j in range(k, k + len(ins)):
            tags[j] = 1
        return nw, tags

    def untranslated(self, rng, w, r, lang):
        src = r["tok_src"]
        if len(src) < 4 or len(w) < 4:
            return None
        n = rng.randint(2, min(5, len(w) - 2))
        k = rng.randrange(0, len(w) - n)
        ks = min(len(src) - 2, max(0, int(k * len(src) / len(w))))
        ins = src[ks:ks + n]
        nw = w[:k] + ins + w[k + n:]
        tags = [0] * len(nw)
        for j in range(k, k + len(ins)):
            tags[j] = 1
        return nw, tags

    def unrelated(self, rng, w, r, lang):
        pool = self.by_lang[lang]
        other = pool[rng.randrange(len(pool))]
        if other["tok_pe"] == w:
            return None
        nw = list(other["tok_pe"])
        return nw, [1] * len(nw), list(range(len(r["tok_src"])))

    def scramble(self, rng, w, r, lang):
        if len(w) < 6:
            return None
        body = w[:-1] if w[-1] in ".!?。" else list(w)
        perm = list(range(len(body)))
        rng.shuffle(perm)
        nb = [body[p] for p in perm]
        if nb == body:
            return None
        nw = nb + w[len(body):]
        tags = [int(perm[j] != j) for j in range(len(body))] + [0] * (len(w) - len(body))
        return nw, tags

    def repeat(self, rng, w, r, lang):
        idx = [i for i, x in enumerate(w) if x.isalpha()]
        if not idx:
            return None
        i = rng.choice(idx)
        nw = w[:i + 1] + [w[i]] + w[i + 1:]
        tags = [0] * len(nw)
        tags[i + 1] = 1
        return nw, tags

    def typo(self, rng, w, r, lang):
        idx = [i for i, x in enumerate(w) if x.isalpha() and len(x) >= 5]
        if not idx or lang == "zh":
            return None
        i = rng.choice(idx)
        x = w[i]
        j = rng.randrange(1, len(x) - 1)
        rep = x[:j] + x[j + 1:] if rng.random() < 0.5 else x[:j] + x[j + 1] + x[j] + x[j + 2:]
        if rep == x:
            return None
        nw = list(w)
        nw[i] = rep
        tags = [0] * len(nw)
        tags[i] = 1
        return nw, tags

    def adjacent_swap(self, rng, w, r, lang):
        idx = [i for i in range(len(w) - 1) if w[i].isalpha() and w[i + 1].isalpha() and w[i] != w[i + 1]]
        if not idx:
            return None
        i = rng.choice(idx)
        nw = list(w)
        nw[i], nw[i + 1] = nw[i + 1], nw[i]
        tags = [0] * len(nw)
        tags[i] = tags[i + 1] = 1
        return nw, tags

    def make(self, r, kind):
        """One synthetic record from base record r, or None if `kind` does not apply to it."""
        rng = random.Random(f"{self.seed}/{r['id']}/{kind}")
        lang = lang_of(r["lp"])
        w = r["tok_pe"]
        src_words = None
        if kind == "clean":
            nw, tags, src_bad = w, [0] * len(w), []
        else:
            out = getattr(self, kind)(rng, list(w), r, lang)
            if out is None:
                return None
            nw, tags = out[0], out[1]
            src_bad = out[2] if len(out) > 2 else None
        mt = detok(nw, lang)
        spans = project(nw, mt)
        if spans is None or not nw:
            return None
        if src_bad is not None:
            sp = project(r["tok_src"], r["src"]) or project(r["tok_src"], " ".join(r["tok_src"]))
            bad = set(src_bad)
            src_words = [(b, e, int(k in bad)) for k, (b, e) in enumerate(sp)]
        return dict(id=f"synth/{kind}/{r['id']}", origin="synth", kind=kind, lp=r["lp"], src=r["src"], mt=mt,
                    src_words=src_words, mt_words=[(b, e, t) for (b, e), t in zip(spans, tags)],
                    major=1 if kind in MAJOR else 0, critical=None, da_z=None, hter=None, mqm=None)


# Share of each kind among synthetic rows; the critical kinds that DEMETR-like checks target get more.
MIX = {"clean": 0.28, "negation": 0.08, "antonym": 0.07, "number": 0.06, "name": 0.06, "swap_roles": 0.05, "voice": 0.03,
       "omission": 0.07, "addition": 0.05, "untranslated": 0.05, "unrelated": 0.04, "scramble": 0.03,
       "repeat": 0.04, "typo": 0.03, "adjacent_swap": 0.03}


def generate(base, n, seed, mix=None):
    """n synthetic records with kinds drawn from MIX; for each draw, base rows are scanned (in a seeded order,
    one cursor per kind) until one admits that kind, so rare kinds keep their share."""
    s = Synth(base, seed)
    rng = random.Random(seed)
    order = list(range(len(base)))
    rng.shuffle(order)
    kinds, weights = zip(*sorted((mix or MIX).items()))
    cursor = {k: rng.randrange(len(order)) for k in kinds}
    out = []
    while len(out) < n:
        kind = rng.choices(kinds, weights)[0]
        for _ in range(len(order)):
            r = base[order[cursor[kind] % len(order)]]
            cursor[kind] += 1
            rec = s.make(r, kind)
            if rec is not None:
                out.append(rec)
                break
    return out


if __name__ == "__main__":
    import collections, sys
    from data import load_mlqe
    recs, _ = load_mlqe("train")
    syn = generate(recs, int(sys.argv[1]) if len(sys.argv) > 1 else 2000, 13)
    print(collections.Counter(x["kind"] for x in syn))
    seen = set()
    for x in syn:
        key = (x["kind"], x["lp"].split("-")[1])
        if key in seen:
            continue
        seen.add(key)
        bad = [x["mt"][b:e] for b, e, t in x["mt_words"] if t]
        sbad = [x["src"][b:e] for b, e, t in (x["src_words"] or []) if t]
        print(f"[{x['kind']} {x['lp']}] {x['mt'][:160]}\n    BAD={bad[:8]} SRC_BAD={sbad[:6]}")
