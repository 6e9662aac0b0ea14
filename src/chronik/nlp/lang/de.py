"""Closed classes of German words that the rule modules share: data, not code.

Written for chronik, Apache-2.0. Each set says in a comment what the rules use it for; a set that
several modules need is here once. Sections name the module that uses a set first. Lower-case
unless the rule compares the surface form.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- events.phrases and events.segment ---

# Punctuation that ends a clause (not quotes: 'als "Heuchelei" zurück' is one clause).
BOUNDARIES = _words("""
    ( ) , - : ; – —
""")

# Opening and closing quotation marks, German and English.
QUOTES = frozenset({'"', "'", "«", "»", "‘", "’", "‚", "“", "”", "„"})

# Conjunctions that open a subordinate clause (verb-final word order).
SUBORDINATORS = _words("""
    als bevor bis da damit dass daß falls indem nachdem ob obwohl ohne seit seitdem sodass
    sofern solange um weil wenn weshalb weswegen wie wo wobei womit wonach worauf während
""")

# Relative pronouns that open a relative clause after a comma.
RELATIVES = _words("""
    das dem den denen der deren dessen die was welche welcher welches
""")

# Openers of clauses whose content has not happened (condition, purpose).
CONDITIONALS = _words("""
    bis damit falls ob sofern um wenn
""")

# Auxiliary, modal and light verbs in finite forms: the second position, not an event.
AUX = _words("""
    darf durfte dürfen gab gaben gehören gehört gibt habe haben hat hatte hatten hätte hätten
    ist kam kann kommen kommt konnte konnten könne können lassen ließ ließen lässt muss musste
    mussten müsse müssen scheint sei seien sind soll solle sollen sollte sollten war waren werde
    werden will wird wolle wollen wollte wollten worden wurde wurden wäre wären würde würden
""")

# Forms of 'werden' that make a participle passive.
PASSIVE_AUX = _words("""
    werde werden wird worden wurde wurden
""")

# Prepositions and preposition-article contractions.
PREPOSITIONS = _words("""
    ab als am an ans auf aus außerhalb bei beim bis durch entlang für gegen gemäß hinter im in
    innerhalb ins laut mit nach nahe neben nördlich ohne per samt seit statt südlich trotz um
    unter via vom von vor vorm wegen westlich zu zum zur zwischen östlich über
    angesichts anlässlich aufgrund binnen dank entgegen infolge inmitten mittels seitens
    ungeachtet unweit
""")

# Postpositions: the noun phrase before them is governed, not a subject ("Berichten zufolge").
POSTPOSITIONS = _words("""
    zufolge gegenüber entgegen
""")

# Prepositions that put a place name in the place role ('in Kiew', 'nahe Charkiw').
LOCATIVE = _words("""
    am an aus außerhalb bei beim entlang im in innerhalb ins nach nahe nördlich südlich von vor
    westlich zum zur östlich über
""")

# Articles, demonstratives, possessives and quantifiers that open a noun phrase.
DETERMINERS = _words("""
    alle allen aller beide beiden das dem den der des die diese diesem diesen dieser dieses drei
    ein eine einem einen einer eines einige fünf ihr ihre ihrem ihren ihrer ihres jede jedem
    jeden jeder kein keine keinem keinen keiner mehrere sein seine seinem seinen seiner seines
    unser unsere unseren viele vier zwei
""")

# Number words and vague quantities inside a noun phrase.
NUMBERS = _words("""
    acht drei dutzende einige elf fünf hundert hunderte mehrere neun sechs sieben tausend
    tausende viele vier zahlreiche zehn zwanzig zwei zwölf
""")

# Forms of the definite article.
DEFINITE = _words("""
    das dem den der des die
""")

# Personal pronouns that can stand for an event argument (third person, 'man').
PRONOUNS = _words("""
    er es ihm ihn ihnen man sie
""")

# Capitalised function words: never a name in the capitalisation fallback.
FUNCTION_CAPS = _words("""
    Aber Allein Allerdings Als Am An Angeblich Anschließend Auch Auf Aus Außerdem Bald Bei Beim
    Bereits Besonders Bis Bisher Bislang Da Dabei Dadurch Dafür Dagegen Daher Dahinter Damals
    Damit Danach Daran Darauf Daraufhin Darunter Darüber Das Dass Davon Dazu Dem Demnach
    Demzufolge Den Dennoch Der Derzeit Des Deshalb Die Dies Diese Dieser Dieses Doch Dort
    Ebenfalls Ebenso Eigentlich Ein Eine Einen Er Erneut Erst Es Etwa Fast Folglich Für Gegen
    Gemeinsam Gestern Gleichzeitig Heute Hier Hingegen Ich Im Immerhin In Insgesamt Inzwischen
    Jedenfalls Jedoch Jetzt Kaum Kein Keine Kürzlich Laut Man Mehr Mehrfach Mit Mittlerweile
    Morgen Möglicherweise Nach Nachdem Natürlich Nicht Noch Nun Nur Ob Oder Offenbar Offiziell
    Ohne Rund Schließlich Schon Seit Seitdem Seither Sie So Sogar Somit Später Stattdessen
    Tatsächlich Trotz Trotzdem Um Unabhängig Und Unterdessen Vielleicht Vielmehr Vom Von Vor
    Vorerst Vorher Wann Was Wegen Weiter Weitere Wenn Wer Wie Wir Wo Wohl Während Zu Zudem
    Zuerst Zugleich Zuletzt Zum Zumindest Zunächst Zur Zuvor Zwar Über
    Angesichts Anlässlich Aufgrund Außerhalb Binnen Dank Entgegen Entweder Gemäß Indes Infolge
    Innerhalb Inmitten Jenseits Konkret Mittels Nahe Seitens Sowohl Statt Ungeachtet Unweit Weder
    Zufolge Zurzeit Zusätzlich
""")

# Capitalised nouns that are no participants (time, report, quantity nouns).
STOP_NOUNS = _words("""
    Abend Anfang Angabe Angaben Art Beginn Bericht Berichte Berichten Dienstag Dienstagabend
    Donnerstag Ende Fall Freitag Fälle Hinsicht Hälfte Informationen Jahr Jahre Jahren Jahres
    Mal Mitte Mittwoch Monat Monate Monaten Montag Montagmorgen Morgen Nacht Prozent Rahmen
    Samstag Sonntag Stand Stunden Tag Tage Tagen Teil Teile Uhr Verfügung Verlauf
    Weise Woche Wochen Wochenende Zahl Zeit Ziel Zusammenhang
""")

# --- events.arguments ---

# Coordinators that join two noun phrases into one argument.
CONJUNCTIONS = _words("""
    oder sowie und
""")

# Dative/accusative determiners and pronouns: the noun phrase is an object.
OBJECT_ARTICLES = _words("""
    dem diesem diesen einem einen ihm ihn ihnen keinem keinen
""")

# Prepositions that carry the actor of a passive ("von Russland", "durch Beschuss").
AGENT_PREPOSITIONS = _words("""
    durch vom von
""")

# Nouns of kind and measure: "ein Flugzeug vom Typ A-50 beschädigt", "Munition vom Kaliber 155": the
# von-phrase says what sort of thing it is, never who acted.
CLASSIFIER_NOUNS = _words("""
    Art Bauart Bautyp Format Kaliber Klasse Marke Modell Sorte Typ Typs Umfang
""")

# Masculine singular pronouns: their antecedent is a person.
MASCULINE_PRONOUNS = _words("""
    er ihm ihn
""")

# Object pronouns ('ihn', 'ihm', 'ihnen', 'ihr').
OBJECT_PRONOUNS = _words("""
    ihm ihn ihnen ihr
""")

# Nouns of reporting ('nach Angaben', 'Berichten zufolge'): no participant.
REPORT_NOUNS = _words("""
    Angaben Bericht Berichte Berichten Informationen Meldung Meldungen
""")

# Prepositions of circumstance: the noun phrase after them is no target.
CIRCUMSTANTIAL = _words("""
    angesichts bis infolge nach seit trotz vor wegen während
""")

# Stems of perception and expectation verbs: the subject does not do the event.
PERCEIVING_STEMS = ("beobacht", "verfolg", "befürcht", "fürcht", "erwart")

# Lower-case words between subject and verb that are never the finite verb.
NOT_FINITE = _words("""
    aber allerdings auch bereits erst jedoch nicht noch nun nur oder schon sich sowie und
""")

# Forms of 'sein' that make a participle a state ('ist zerstört').
STATE_AUX = _words("""
    ist sei seien sind war waren
""")

# --- claims.build ---

# Impersonal subjects that name no source ('es heißt', 'man sagt').
NO_SOURCE_WORDS = _words("""
    es man
""")

# Coordinators that join two main clauses.
CLAUSE_COORDINATORS = _words("""
    aber doch oder sondern und
""")

# Adverbs after which a main clause keeps the subject of the clause before.
SHARED_SUBJECT = _words("""
    aber daher dann dennoch deshalb jedoch trotzdem zudem
""")

# Pronouns by which a cue refers to the proposition before ('bestritt das').
BACK_REFERENCES = _words("""
    das dies dieses so
""")

# Lower-case words ending like verbs that are none ('ersten', 'seinen', 'mindestens').
NOT_VERBS = _words("""
    bereits bisher damit den denen deren einen elf erst ersten fast hinten ihren jetzt letzten
    meist meisten mindestens mit nicht oben seinen seit unten vielleicht weiterhin zehn zuletzt
    zunächst
""")

# Lower-case words ending in -ern/-eln that are no verbs ('gestern', 'modern').
NOT_VERBS_ERN = _words("""
    andern extern gestern intern modern vorgestern übermorgen
""")

# Relative pronouns that can follow a source's name after a comma.
RELATIVE_PRONOUNS = _words("""
    dem den denen der deren dessen die
""")

# Words that follow a relative pronoun in a relative clause (not an article).
RELATIVE_NEXT = _words("""
    am auch bei bereits damals er es für gegen ihm ihn ihnen ihr im man mit nach nicht schon
    seit sich sie uns vom von vor zu zuletzt zum zur zuvor
""")

# Nouns of 'nach ihren Angaben': the source is the speaker before.
ANAPHORIC_SOURCE = _words("""
    angaben berichten darstellung informationen
""")

# --- linking.analyse ---

# Heads of compounds whose first part is a name ('Kreml-Chef', 'Nato-Gipfel').
COMPOUND_HEADS = _words("""
    angaben angriff angriffe anhänger armee beamte beamten behörden beitritt botschafter chef
    chefin einsatz führung gebiet gipfel grenze kommission kreise krieg kämpfer medien minister
    ministerin mitglied mitglieder offensive partner politik präsident präsidentin regierung
    soldaten sprecher sprecherin staaten stützpunkt truppen vertreter
""")

# Titles and forms of address a person-name span may have taken along.
NAME_TITLES = _words("""
    ajatollah altkanzler altkanzlerin ayatollah bischof dr. ex-kanzler ex-kanzlerin ex-präsident
    frau general herr imam kardinal könig königin lady oberst papst pfarrer prinz prinzessin
    prof. scheich sir us-präsident
""")

# --- events.qualify ---

# Words that negate the event of their clause.
NEGATORS = _words("""
    kein keine keinem keinen keiner keines keinesfalls nicht nichts nie niemals weder
""")

# Forms of 'werden' that make a future (or a prediction).
FUTURE_AUX = _words("""
    werde werden wird wirst
""")

# --- events.extract ---

# Plural finite verbs next to 'sie': 'they', not 'she'.
PLURAL_FINITE = _words("""
    durften dürfen haben hatten hätten konnten können mussten müssen seien sind sollen sollten
    waren werden wollen wollten wurden wären würden
""")

# 'bislang', 'bisher': no timex, but the state held until the report.
SO_FAR = _words("""
    bisher bisherig bislang seither
""")

# --- claims.cues ---

# Clause-final words of a hearsay 'soll' about the past ('soll ... gewesen sein').
HEARSAY_TAIL = _words("""
    gewesen haben haben. sein sein. worden
""")

# Subjunctive II forms used for reported speech.
SUBJUNCTIVE_II = _words("""
    hätte hätten wäre wären würde würden brächte brächten gäbe gäben käme kämen läge lägen
    müsste müssten
""")

# Subjunctive I forms that mark indirect speech.
SUBJUNCTIVE = _words("""
    arbeite befinde bestehe biete bleibe brauche dürfe erwarte fehle gebe gehe habe halte
    handele handle komme könne lasse liege müsse plane sehe sei seien solle stehe trage verfüge
    werde wisse wolle
    bedeute beginne betrage brauche diene drohe entspreche erlaube ermögliche falle folge führe
    gehöre gelinge gelte gewinne helfe kenne lebe lege leide mache nehme nutze obliege schaffe
    scheine setze sitze spiele spreche steige sterbe stelle suche treffe trete verdiene verliere
    versuche wachse warte wirke zähle zeige ziehe
    benötige berücksichtige besitze betreffe bewege bezahle bringe dauere denke empfehle
    entscheide entstehe erfülle ergebe erhalte erkenne erkläre erreiche fahre finde fordere
    gelange gestalte hoffe koste lehne liefere prüfe rechne rufe schlage schließe schreibe
    spüre stamme stoppe strebe tue unterstütze unternehme verbiete verfolge verhandle verlange
    vermeide verschwinde versinke verstecke verstehe vertrete wähle werfe zahle
""")
# (Third person singular subjunctive I = stem + -e, where the indicative has -t: "gelte", not
# "gilt". Forms that are also adjectives ("reiche", "heiße") or nouns at a sentence start
# ("Sorge", "Stimme", "Teile", "Wende", "Kämpfe", "Glaube") are left out.)

# First-person subjects: the speaker talks about themselves.
FIRST_PERSON = _words("""
    ich wir
""")

# Every first-person word: a sentence with one of them after a quoted speaker is that speaker's.
FIRST_PERSON_WORDS = _words("""
    ich wir mir mich uns unser unsere unserer unseren unserem unseres mein meine meiner meinen
    meinem meines
""")

# Finite verbs of the present and of the past: after direct speech, a sentence with a present form
# and no past one is read as the speaker going on (the report narrates in the past).
PRESENT_FINITE = _words("""
    bin bist darf dürfen gibt hat haben ist kann können muss müssen sind soll sollen will wird
    wollen werden
""")
PAST_FINITE = _words("""
    gab hatte hatten konnte konnten musste mussten sagte sagten sollte sollten war waren wollte
    wollten wurde wurden
""")

# Words opening an indirect question ("sagte nicht, wann ...").
QUESTION_WORDS = _words("""
    warum was weshalb wie wieso wann welche welcher welches wer wo woher wohin
""")

# Nouns after "so" that name an accusation or a report, not a speaker ("..., so der Vorwurf").
ACCUSATION_NOUNS = _words("""
    vorwurf vorwürfe anklage anschuldigung anschuldigungen verdacht anklageschrift
""")
REPORT_WORDS = _words("""
    bericht berichte angaben meldung meldungen darstellung erklärung mitteilung aussendung
    studie umfrage nachricht
""")

# --- claims.links ---

# Negating determiners in 'keine Hinweise auf ...'.
NEGATING_DETERMINERS = _words("""
    kein keine keinen keinerlei
""")

# Words that point back to something said before ("Er bestreitet das").
ANAPHORIC_WORDS = _words("""
    das dies dieses diese es er sie
""")

# Nouns of casualties: 'keine Verluste' against an account of an attack.
CASUALTY_NOUNS = _words("""
    opfer tote toten verletzte verletzten verluste verlusten
""")

# Verbs of existence: 'es gibt keinen Plan' says the plan does not exist.
EXISTENCE_VERBS = _words("""
    gibt gebe gab gäbe existiert existiere existierte
""")

# Nouns of evidence: 'keine Hinweise auf X' denies X.
EVIDENCE_NOUNS = _words("""
    anzeichen beleg belege belegen beweis beweise beweisen erkenntnisse hinweis hinweise
    hinweisen indizien
""")

# Prepositions after an evidence noun that introduce what it is evidence for.
EVIDENCE_PREPS = _words("""
    auf dafür darauf für
""")

# Adverbs that turn a statement against the one before.
TURNS = _words("""
    aber allerdings dennoch gleichwohl jedoch trotzdem
""")

# Words that say the opposite of others ("Fälschung" against "echt"): a denial naming one denies
# the claim that says the other.
OPPOSITE_WORDS = {
    "fälschung": {"echt", "authentisch", "original"},
    "gefälscht": {"echt", "authentisch", "original"},
    "falsch": {"richtig", "wahr", "zutreffend"},
    "erfunden": {"wahr", "zutreffend"},
    "unecht": {"echt", "authentisch"},
}

# Participles after 'nicht' that make no opposite of the claim.
NOT_OPPOSITES = _words("""
    beabsichtigt befristet begrenzt bekannt bestätigt erwartet
""")

# --- timex.absolute ---

# Words before a bare month or season name that make it a date ('im Mai'), not a name
# ('August Bebel').
MONTH_CONTEXT = _words("""
    Ab Anfang Ausgang Beginn Bis Dem Den Der Des Ende Für Im In Mitte Monat Monats Nach Seit Vom
    Von Vor Zum Zwischen ab bereits bis dem den des diesen erst frühestens für gegen im in jeden
    nach noch oder per schon seit spätestens um und vom von vor zum zwischen
""")

# Words before a bare four-digit number that make it a year ('im Jahr 2022', 'seit 2014').
YEAR_CONTEXT = _words("""
    Ab Anfang Bis EM Ende Frühjahr Frühling Herbst Im In Jahr Jahre Jahres Mitte Nach Olympia
    Saison Seit Sommer Spielzeit Um Von Vor WM Wahl Wahlen Winter ab bereits bis erst frühestens
    im in nach noch oder schon seit spätestens um und von vor zwischen
""")

# Words before a four-digit number that make it a quantity, not a year ('rund 2000').
NUMBER_CONTEXT = _words("""
    Darunter Davon Etwa Knapp Mindestens Nr Nr. Nummer Rund Tel. Weitere ca. darunter davon etwa
    exakt fast genau höchstens insgesamt je knapp maximal mehr mindestens nur rund weitere
    weiteren zu Über über
""")

# Nouns followed by a number that is an identifier ('Flug 1920', 'Resolution 2334').
NUMBERED = _words("""
    Abs. Absatz Airbus Art. Artikel Band Baujahr-Nr. Boeing Code Entschließung Flug Flugnummer
    Heft Kapitel Kennzahl Linie Modell Nr Nr. Nummer PLZ Paragraf Paragraph Postleitzahl Punkt
    Raum Resolution S. Saal Seite Tel. Telefon Typ Version Windows Ziffer Zimmer §
""")

# Verbs of change before 'um' + number: an amount ('stieg um 2000'), not a year.
CHANGE_VERBS = _words("""
    abgenommen erhöht erhöhte erhöhten fallen fiel fielen fällt gefallen gestiegen gesunken
    gewachsen nahm nahmen sank sanken sinken sinkt steigen steigt stieg stiegen verringert
    verringerte verringerten wachsen wuchs wuchsen wächst zugenommen zurückgegangen
""")

# --- timex.tense ---

# Abbreviations whose dot ends no sentence (for the sentence splitter of tense).
ABBREVIATIONS = _words("""
    Abs Art Aug Dez Dr Feb Febr Jan Jh Mio Mr Mrd Mrs Nov Nr Okt Prof Sept St Tel bzw ca etc ggf
    usw vgl
""")

# Words before a form in -te(n) that make it an adjective ('die getötete'), not a preterite.
TIMEX_DETERMINERS = _words("""
    alle am andere anderen beide beiden beim das dem den der des die diese diesen dieser dieses
    drei ein eine einem einen einer eines ihr ihre ihrem ihren ihrer im ins jede jeden jeder
    keine keinen mehrere sein seine seinem seinen seiner unsere unseren viele vom wenige zum zur
    zwei
""")

# --- timex.relative ---

# Words before a part of day ('am Abend', 'gegen Mittag') that make it a timex.
POD_CONTEXT = _words("""
    Ab Am Gegen Seit Vom ab am bis gegen seit vom zum
""")

# Words before a determiner + part of day ('in der Nacht') that make it a timex.
POD_DET_CONTEXT = _words("""
    In Seit Während bis durch in seit während zu
""")

# --- timex.context ---

# Words before a timex that make it approximate ('etwa', 'gegen', 'um').
APPROX_BEFORE = _words("""
    ca. circa etwa gegen um zirka
""")

# --- events.detect ---

# Coordinators after which a separable particle ends its clause.
CLAUSE_END_AFTER_PARTICLE = _words("""
    aber oder sondern sowie und
""")
