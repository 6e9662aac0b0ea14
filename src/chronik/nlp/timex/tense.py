"""The tense of the clause around a temporal expression, from word forms alone (the pipeline has no
tagger).

"hatte … im Oktober informiert" points back to the last October, "will im Januar" forward to the
next January. German news mixes clauses: in "Er sagte, das Treffen werde im Januar stattfinden" the
comma clause decides, so the clause is read first and the whole sentence only when the clause holds
no verb form we know.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chronik.nlp.lang import de
from chronik.nlp.timex.clauses import (
    clause_of,
    sentence_of,
)
from chronik.nlp.timex.lexicon import Lexicon

PAST, FUTURE = "past", "future"

_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_SEPARABLE = re.compile(
    r"^(?:ab|an|auf|aus|bei|ein|fest|mit|nach|vor|zu|zurück|weg|her|hin|um|los|fort|frei|bekannt|statt|teil|fern|hoch|zusammen|wieder)ge\w{3,}(?:t|en)$"
)
# "-eten" only after stems that need the extra e (meldeten, berichteten, rechneten), not treten or
# bieten
_E_PRETERITES = ("deten", "teten", "chneten", "ffneten", "gneten", "tmeten", "dneten", "ierten")
_PRETERITE_STEMS = (
    "g",
    "ch",
    "ck",
    "k",
    "ll",
    "mm",
    "nn",
    "pp",
    "ff",
    "ss",
    "tz",
    "rr",
    "hl",
    "hr",
    "hn",
    "gn",
    "st",
    "rn",  # warnten, lernten, forderten: no present form ends in "-rnten"
    # no present form either: no verb stem ends in -bt, -mt, -pft, -ient, -eint, -ant, -ört,
    # -ürt, -ärt (lebten, glaubten, träumten, kämpften, dienten, meinten, planten, hörten,
    # erklärten), nor in -ilt, -ielt, -olt, -ult, -ält, -ölt, -ült (teilten, spielten, holten,
    # quälten); halten, gelten, gestalten stay present
    "b",
    "m",
    "pf",
    "ien",
    "ein",
    "an",
    "ör",
    "ür",
    "är",
    "il",
    "iel",
    "ol",
    "ul",
    "äl",
    "öl",
    "ül",
    # stems in -au, -eu, -auf whose present has no t (bauten, schauten, trauten, freuten, kauften);
    # lauten, deuten, bedeuten, läuten are t-stems
    "bau",
    "schau",
    "trau",
    "freu",
    "scheu",
    "kauf",
    "tauf",
    "prüf",
)


def _endings(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# present forms of verbs whose stem ends in -cht or -ert/-ernt, which the stems above would read
# as preterites (beobachten, berichten, fürchten, verzichten, bewerten, ernten)
_PRESENT_T_ENDINGS = _endings(
    "richten fürchten zichten flüchten pflichten dichten nichten leuchten sichten fechten "
    "flechten obachten trachten beachten verachten erachten gutachten nachten schlachten "
    "pachten werten"
)
_FUSED_ZU = re.compile(
    r"^(?:ab|an|auf|aus|bei|ein|fest|mit|nach|vor|zurück|weg|her|hin|um|los|fort|frei|teil|statt|zusammen|wieder|vorbei|durch|bekannt)zu\w{3,}en$"
)
_INSEPARABLE = re.compile(r"^(?:be|ver|er|ent|zer|über|unter|miss|hinter)\w{3,}(?:t|en)$")


# words in ge-…-t/-en that are no participles: a preposition, adjectives, and infinitives or plural
# presents of verbs with the prefix ge- ("ist am Sonntag gegen Salzburg gefordert" has one
# participle, "Am Sonntag ist Rapid gegen Salzburg zu Gast" none)
_GE_NOT_PARTICIPLES = frozenset(
    ["gegen", "gesamt", "gesamten", "gerecht", "gerechten", "geringen", "genauen", "gehen"]
    + ["geben", "gelten", "gewinnen", "gehören", "genießen", "gewähren", "gestalten", "gedenken"]
    + ["gefährden", "genehmigen", "gestatten", "gebrauchen", "gewöhnen", "gelingen"]
)
_ADJECTIVE_ENDINGS = ("lichen", "samen", "igen", "ischen", "haften", "baren")


def is_participle(word: str) -> bool:
    if len(word) < 5 or not word.islower():
        return False
    if word.startswith("ge") and word.endswith(("t", "en")):
        return word not in _GE_NOT_PARTICIPLES and not word.endswith(_ADJECTIVE_ENDINGS)
    return (
        word.endswith(("iert", "ierte"))
        or bool(_SEPARABLE.match(word))
        or bool(_INSEPARABLE.match(word))
    )


def _prefixed_preterite(word: str, lex: Lexicon) -> bool:
    """ "beschloss", "übernahm", "verließ", "vorlag": a strong preterite of three letters or more
    after a prefix."""
    if len(word) < 6 or not word.islower():
        return False
    stems = _stems(lex)
    prefixes = lex.verbs["prefix"]
    return any(word[-k:] in stems and word[:-k] in prefixes for k in range(3, 9))


_STEMS: dict[int, frozenset[str]] = {}


def _stems(lex: Lexicon) -> frozenset[str]:
    key = id(lex)
    if key not in _STEMS:
        _STEMS[key] = frozenset(
            f
            for f in lex.verbs["past"]
            if len(f) >= 3 and f not in ("war", "waren", "hatte", "hatten")
        )
    return _STEMS[key]


# adjectives that end like a preterite: superlatives (größte), -haft and -wert adjectives
# ("ernsthafte Chancen", "bemerkenswerte Bilanz"); the preterites of haften and werten are
# haftete and wertete
_ADJECTIVE_TE = ("ste", "sten", "hafte", "haften", "werte", "werten")
# after "-te(n)", words that open a subject: "Das berichtete die Zeitung", "Dies bestätigte er"
_CLOSED_CLASSES = (
    de.PREPOSITIONS,
    de.NOT_VERBS,
    de.TIMEX_DETERMINERS,
    de.DETERMINERS,
    de.RELATIVES,
    de.SUBORDINATORS,
    de.PRONOUNS,
)
_SUBJECT_OPENERS = frozenset(
    ["der", "die", "das", "den", "dem", "ein", "eine", "einer", "er", "sie", "es", "man", "auch"]
)


def _reporting_stem(word: str, lex: Lexicon) -> bool:
    """Whether a "-te(n)" form is the preterite of a verb of saying ("bestätigte", "berichteten",
    "erklärte": bestätigt, berichtet, erklärt are in the lexicon's report class)."""
    stem = word[:-3] if word.endswith("ten") else word[:-2]
    report = lex.verbs["report"]
    return stem + "t" in report or stem.removesuffix("e") + "t" in report


def _is_preterite(
    word: str, previous: str, lex: Lexicon, following: str = "", agent: bool = False
) -> bool:
    """Regular preterites end in -te(n) (sagte, informierten); adjectives after a determiner are
    excluded, unless a subject follows ("Das bestätigte der Sprecher")."""
    if len(word) < 5 or not word.islower() or not word.endswith(("te", "ten")):
        return False
    if word in lex.verbs["notpast"] or word.endswith(_ADJECTIVE_TE):
        return False
    if previous in ("Das", "Dies") and _reporting_stem(word, lex):
        return True  # "Das bestätigte Staatsanwalt X am Freitag": the pronoun opens the sentence
    if previous.lower() in de.TIMEX_DETERMINERS and following not in _SUBJECT_OPENERS:
        return False
    if agent and word.startswith("ge") and following[:1].isupper():
        return False  # a participle with its agent before its noun: "die von ihr geleitete Runde"
    if word.endswith("ten"):
        # "-ten" is also the present of t-stems (gelten, halten, warten): only stems that cannot be
        # one count
        stem = word[:-3]
        if word.endswith(_PRESENT_T_ENDINGS) or word == "ernten":
            return False
        if previous.lower() in de.PREPOSITIONS:
            return False  # an adjective without article: "mit beliebten Liedern"
        return (
            word.endswith(_E_PRETERITES)
            or stem.endswith(_PRETERITE_STEMS)
            or (stem.endswith("er") and len(stem) >= 5)
        )
    return True


# openers of a clause whose present perfect tells what will be done by then ("wenn ... ist")
_CONDITIONAL = frozenset(["wenn", "sobald"])
_PAST_AUX = frozenset(["hatte", "hatten", "war", "waren", "wurde", "wurden"])
_SEIN = frozenset(["ist", "sind", "sei", "seien", "bin", "bist", "seid"])
_WERDEN = frozenset(["wird", "werden", "werde", "wirst", "werdet"])
# participles of verbs of motion and of change that form the perfect with "sein" (kommen,
# gehen, fahren, fliehen, reisen, stürzen, sterben, ertrinken, werden, geschehen, scheitern, …)
_SEIN_PERFECTS = _endings(
    "gangen kommen fahren flogen flohen laufen reist stiegen sprungen fallen stürzt rannt "
    "schwommen storben trunken froren worden schehen passiert lungen scheitert explodiert "
    "schienen schwunden blieben wesen rutscht prallt flüchtet raten langt wandert zogen "
    "brochen troffen wachsen"
)


# modals in the preterite: "musste im April operiert werden" tells the past; its "werden" is the
# passive infinitive, no future
_PAST_MODALS = frozenset(
    ["musste", "mussten", "konnte", "konnten", "durfte", "durften", "wollte", "wollten"]
)


def _modal_passive_past(words: list[str]) -> bool:
    """Whether the clause holds a preterite modal and a passive infinitive ("konnte am Montag
    geborgen werden")."""
    return any(w in _PAST_MODALS for w in words) and any(
        w == "werden" and i and is_participle(words[i - 1]) for i, w in enumerate(words)
    )


_SUBJUNCTIVE_AUX = frozenset(["hätte", "hätten", "wäre", "wären"])


def _past_subjunctive(words: list[str], changes: list[str], future_forms: frozenset) -> bool:
    """Whether the clause is in the pluperfect subjunctive ("wäre … gelungen", "hätte … gewonnen"):
    what would have happened, at a time already past; not with another modal or future form
    ("hätte … werden können", "wäre … geschlossen" of a state)."""
    if not changes or not any(w in _SUBJUNCTIVE_AUX for w in words):
        return False
    return not any(w in future_forms and w not in _SUBJUNCTIVE_AUX for w in words)


def words_tense(
    words: list[str], lex: Lexicon, reports: bool = True, states: bool = False
) -> str | None:
    """PAST, FUTURE or None (present tense or no verb we know). With `states`, "sein" and a
    participle is read as a state, not a perfect ("ist bis Freitag gesperrt")."""
    past_forms, future_forms, perf_forms = lex.verbs["past"], lex.verbs["future"], lex.verbs["perf"]
    if states and not any(w in ("bereits", "schon") for w in words):
        perf_forms = perf_forms - _SEIN  # "bis Freitag bereits eingelangt" is still a perfect
    passive_past = _modal_passive_past(words)
    future = any(w in future_forms and not (passive_past and w == "werden") for w in words)
    participles = [w for w in words if is_participle(w)]
    # "hat … geschlossen" is a perfect, "ist … geschlossen" a state
    changes = [w for w in participles if w not in lex.verbs.get("state", ())]
    perfect = (
        bool(changes and any(w in perf_forms for w in words))
        or bool(participles and any(w in perf_forms - _SEIN for w in words))
        # the perfect of the passive: "ist am Montag geschlossen worden"
        or ("worden" in words and any(w in _SEIN for w in words))
    )
    # a perfect infinitive ends the clause: "soll … getötet haben", "soll … zerstört worden sein"
    # ("könnte klar verteilt sein", "sollen im Mai abgeschlossen sein" are states: with "sein",
    # only "worden" or a participle of a verb that forms its perfect with "sein", "gekommen",
    # "gestorben", "gereist", makes the perfect)
    perfect_infinitive = len(words) >= 2 and (
        (words[-1] == "haben" and (words[-2] == "worden" or is_participle(words[-2])))
        or (
            words[-1] == "sein"
            and (
                words[-2] == "worden"
                or (is_participle(words[-2]) and words[-2].endswith(_SEIN_PERFECTS))
            )
        )
    )
    if future and (perfect or perfect_infinitive) and words[-1] in ("haben", "sein", "worden"):
        # hearsay about the past ("soll … getötet haben"); with "werden" alone, the future
        # perfect ("wird bis dahin fünf Milliarden gekostet haben")
        if not any(w in future_forms and w not in _WERDEN for w in words):
            return FUTURE
        return PAST
    if _past_subjunctive(words, changes, future_forms):
        return PAST  # "Beinahe wäre dem Team am Freitag ein Coup geglückt"
    if future:
        return FUTURE
    if perfect and words[0].lower() in _CONDITIONAL and not any(w in _PAST_AUX for w in words):
        return FUTURE  # "wenn der Vertrag bis 30. Juni unterschrieben ist": done by a time ahead
    past = perfect or any(w in past_forms or _prefixed_preterite(w, lex) for w in words)
    if not past:
        past = any(
            _is_preterite(
                w,
                words[i - 1] if i else "",
                lex,
                words[i + 1] if i + 1 < len(words) else "",
                agent="von" in words[max(0, i - 4) : i] or "vom" in words[max(0, i - 4) : i],
            )
            for i, w in enumerate(words)
        )
    if past and any(w in lex.verbs["schedule"] for w in words):
        return None  # "hat das Konzert am 25. September abgesagt": the concert's date, either way
    if past or (reports and any(w in lex.verbs["report"] for w in words)):
        return PAST  # "wie die Polizei am Montag mitteilt": said on a day already past
    if (len(words) >= 2 and words[-2] == "zu" and words[-1].endswith("en")) or (
        words and _FUSED_ZU.match(words[-1])
    ):
        # "kündigte an, im Januar zu kommen / zurückzutreten": an infinitive clause looks ahead
        return FUTURE
    return None


# "der am Montag vorgestellte Bericht", "die im Mai gewählte Präsidentin", "der am Freitag
# beginnende Gipfel", "die zu Jahresbeginn in Kraft getretene Regel": the expression inside an
# attribute before a noun, whose participle dates it
_ATTRIBUTE_OPEN = re.compile(
    r"(?<![\wÄÖÜäöüß])(?i:der|die|das|dem|den|des|ein|eine|einem|einen|einer|eines|seine[mnrs]?|"
    r"ihre[mnrs]?)\s+(?:am|im|zu|Anfang|Mitte|Ende)\s+$"
)
_OPEN_NEXT = re.compile(r"(?:^|[.!?:–]\s+|\n\s*|(?<![\wÄÖÜäöüß])(?i:der|die|das|eine?)\s+)\Z")
_ATTRIBUTE_WORD = re.compile(r"\s*([A-Za-zÄÖÜäöüß-]+)")
_INFLECTED = re.compile(r"^([a-zäöüß]{4,}?)(?:e|en|er|es|em)$")


# participles of planning: "die am Montag geplante Sitzung" lies ahead
_PLANNED = frozenset(
    ["geplant", "vorgesehen", "angesetzt", "anberaumt", "erwartet", "angekündigt", "terminiert"]
)


def attribute_tense(text: str, start: int, end: int) -> str | None:
    """PAST when the expression sits in an attribute with a past participle ("die am Montag
    vorgestellte Studie": done), FUTURE with a present participle ("der am Montag beginnende
    Gipfel": ahead or under way); None when it sits in no such attribute."""
    words = 6
    if not _ATTRIBUTE_OPEN.search(text, max(0, start - 20), start):
        # right after an article or at a line's start, only the next word ("die Anfang Juni
        # gegründete Plattform", a headline "Im Mai gewählte Räte …")
        if not _OPEN_NEXT.search(text, max(0, start - 20), start):
            return None
        words = 1
    pos = end
    for _ in range(words):
        found = _ATTRIBUTE_WORD.match(text, pos)
        if found is None:
            return None
        word, pos = found.group(1), found.end()
        base = _INFLECTED.match(word) if word.islower() else None
        if base is None:
            continue
        stem = base.group(1)
        if (stem.endswith("end") and len(stem) >= 6) or stem in _PLANNED:
            return FUTURE
        if is_participle(stem):
            return PAST
    return None


def schedules_at(text: str, starts: Sequence[int], start: int, end: int, lex: Lexicon) -> bool:
    """Whether the sentence holds a verb of an event held on a day ("findet … statt", "beginnt",
    "tagt"): told in the present tense, such a sentence mostly announces what lies ahead."""
    left, right = sentence_of(starts, text, start, end)
    events = lex.verbs["today"]
    return any(
        w in events for w in _WORD.findall(text, left, start) + _WORD.findall(text, end, right)
    )


# lower-case words ending like a finite verb (-t, -en) that open a clause as adverbs
_NOT_FINITE_OPENERS = frozenset(
    ["derzeit", "dort", "gut", "insgesamt", "morgen", "oft", "sonst", "vielleicht", "weit"]
    + ["zumindest", "zurzeit", "selbst", "längst", "nächsten", "kommenden", "vergangenen"]
)


def _verb_after_subclause(
    text: str, sentence: tuple[int, int], left: int, clause: list[str]
) -> bool:
    """Whether the clause opens with a finite verb of the present right after a subordinate or
    relative clause ("Die Gäste, die … verloren hatten, treffen am Dienstag …", "Wie die Polizei
    mitteilte, beginnt der Prozess am Montag"): the main clause has its own verb, and the tense of
    the embedded clause before it is not its tense."""
    first = clause[0]
    if left <= sentence[0] or text[left - 1] != "," or not first.islower() or len(first) < 4:
        return False
    if not first.endswith(("t", "en")) or first in _NOT_FINITE_OPENERS:
        return False
    if any(first in words for words in _CLOSED_CLASSES):
        return False
    before, _end = clause_of(text, (sentence[0], left - 1), left - 1, left - 1)
    words = _WORD.findall(text, before, left - 1)
    if len(words) < 3 or not words[-1].islower():
        return False  # a subordinate clause ends in its verb, not in a noun
    opener = words[0]
    return opener.lower() in de.SUBORDINATORS or (opener in de.RELATIVES and before > sentence[0])


def tense_at(
    text: str, starts: Sequence[int], start: int, end: int, lex: Lexicon, clause_only: bool = False
) -> str | None:
    """The tense of the clause around [start, end); when it holds no verb form we know, that of the
    sentence (unless `clause_only`, which also reads "ist … gesperrt" as a state)."""
    attribute = attribute_tense(text, start, end)
    if attribute is not None:
        return attribute
    sentence = sentence_of(starts, text, start, end)
    left, right = clause_of(text, sentence, start, end)
    # the expression itself stands as one placeholder word, so "am <T> normalisierte" is not read as
    # "am normalisierte" (an adjective after a determiner)
    clause = _WORD.findall(text, left, start) + ["<T>"] + _WORD.findall(text, end, right)
    # (for "bis"/"ab", only a told past turns the preposition round, not a verb of saying)
    found = _conjunct_tense(clause, lex, clause_only)
    if found is None:
        found = words_tense(clause, lex, reports=not clause_only, states=clause_only)
    if found is not None or (left, right) == sentence or clause_only:
        return found
    if clause[0] == "so" and clause[1:2] != ["dass"]:
        return PAST  # ", so der Sprecher am Montag": who said it, and when
    if _verb_after_subclause(text, sentence, left, clause):
        return None  # "Die Gäste, die … verloren hatten, treffen am Dienstag …": present
    # a clause without a verb ("…, betonte die Chefin, Frau X, am Sonntag in einer Aussendung")
    # takes the tense of the nearest clause before it that has one, within the sentence
    stop = left
    for _ in range(3):
        if stop <= sentence[0]:
            break
        before, _end = clause_of(text, (sentence[0], stop - 1), stop - 1, stop - 1)
        found = words_tense(_WORD.findall(text, before, stop), lex, reports=False)
        if found is not None:
            return found
        stop = before
    # a verb of saying in the main clause ("Er sagt, im Oktober beginne der Bau") does not date the
    # expression
    whole = (
        _WORD.findall(_main_text(text, sentence[0], start))
        + ["<T>"]
        + _WORD.findall(_main_text(text, end, sentence[1]))
    )
    return words_tense(whole, lex, reports=False)


def _conjunct_tense(clause: list[str], lex: Lexicon, clause_only: bool) -> str | None:
    """The tense of the conjunct around the expression when "und" joins two verb phrases of
    different tenses ("wurde am Dienstag präsentiert und soll am Wochenende spielen"): each
    expression takes its own verb's; None when the clause has no such pair."""
    if "und" not in clause:
        return None
    cut = clause.index("und")
    here = clause.index("<T>")
    own, other = (
        (clause[:cut], clause[cut + 1 :]) if here < cut else (clause[cut + 1 :], clause[:cut])
    )
    first = words_tense(own, lex, reports=not clause_only, states=clause_only)
    second = words_tense(other, lex, reports=not clause_only, states=clause_only)
    # both known and alike: that tense, which the whole clause read at once can miss ("soll zu
    # Jahresende bezugsfertig sein und wird dann drei Millionen gekostet haben" ends like hearsay)
    return first if first is not None and second is not None else None


# a relative clause after a comma up to the next comma or the end ("…, das im Viertelfinale
# Madrid ausgeschaltet hatte, …"), also after a preposition ("…, gegen den er alle zwölf Spiele
# gewonnen hat"); there a lower-case word must follow the pronoun, so a phrase ("…, mit dem Ziel")
# is no relative clause; right after the expression it tells of the expression's own day ("seit
# dem 3. Mai, an dem die Regel galt") and stays
_PREPOSITION = "|".join(sorted((w for w in de.PREPOSITIONS if w.isalpha()), key=len, reverse=True))
_RELATIVE_CLAUSE = re.compile(
    r",\s*(?:(?:der|die|das|dem|den|denen|deren|dessen|welche[rsmn]?)\s"
    rf"|(?P<prep>{_PREPOSITION})\s+(?:der|die|das|dem|den|denen|deren|dessen|welche[rsmn]?)\s+"
    r"(?=[a-zäöüß]))[^,;.!?()]*?(?=[,;.!?()]|$)"
)


def _main_text(text: str, begin: int, stop: int) -> str:
    """text[begin:stop] without its relative clauses: their tense tells of the noun they describe
    ("Sevilla und Vigo, das im Viertelfinale Madrid ausgeschaltet hatte, stehen sich gegenüber"),
    not of the main clause."""
    return _RELATIVE_CLAUSE.sub(
        lambda m: m.group() if m.group("prep") and m.start() == 0 else ",", text[begin:stop]
    )
