"""Claims of warnings, announcements, views and colon quotes; speakers named by pronouns or after a
prepositional prefield (conventions 5.1, 5.3, 5.4). Sentences written for these tests."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse


def _texts(doc) -> list[str]:
    return [c.text for c in doc._.claims]


def test_warning_of_a_danger_is_a_claim_of_the_speaker() -> None:
    doc = analyse(
        "Im Frühjahr warnte die Gewerkschaftschefin Ilse Brandl vor einer Pleitewelle im Handel.",
        [("Ilse Brandl", "PER")],
    )
    (claim,) = doc._.claims
    assert "einer Pleitewelle im Handel" in claim.text
    assert claim.certainty == "asserted"
    assert claim.source is not None and claim.source.text == "Ilse Brandl"


def test_warning_to_do_something_is_no_claim() -> None:
    doc = analyse("Die Ministerin warnte davor, die Lage zu unterschätzen.")
    assert doc._.claims == []


def test_claim_of_responsibility_is_asserted() -> None:
    doc = analyse(
        "Zu dem Überfall auf die Kaserne bekannte sich die Gruppe Rote Falken.",
        [("Rote Falken", "ORG")],
    )
    (claim,) = doc._.claims
    assert claim.certainty == "asserted"
    assert claim.source is not None and claim.source.text == "Rote Falken"


def test_announcement_with_an_object_is_a_claim() -> None:
    doc = analyse("Der Bürgermeister kündigte eine rasche Sanierung der Brücke an.")
    (claim,) = doc._.claims
    assert "eine rasche Sanierung der Brücke" in claim.text
    assert claim.cue is not None and claim.cue.text == "kündigte … an"


def test_a_view_with_a_proposition_is_a_claim_but_seeing_a_thing_is_not() -> None:
    doc = analyse("Die Opposition sieht keinen Grund für eine Neuwahl.", [("Opposition", "ORG")])
    assert len(doc._.claims) == 1
    assert analyse("Die Touristen sahen am Abend den Hafen.")._.claims == []
    assert analyse("Die Firma sah sich gezwungen, das Werk zu schließen.")._.claims == []


def test_colon_after_the_cue_opens_the_claim_and_the_question_before_is_none() -> None:
    doc = analyse(
        "Auf die Frage, ob die Förderung gestrichen werde, sagte Maria Huber knapp: Das ist so.",
        [("Maria Huber", "PER")],
    )
    (claim,) = doc._.claims
    assert claim.text == "Das ist so"
    assert claim.source is not None and claim.source.text == "Maria Huber"


def test_das_with_a_past_verb_refers_back_to_the_sentence_before() -> None:
    doc = analyse(
        "Die Fabrik wird im Herbst geschlossen. Das sagte Konzernchef Otto Lind am Montag.",
        [("Otto Lind", "PER")],
    )
    (claim,) = doc._.claims
    assert claim.text == "Die Fabrik wird im Herbst geschlossen"
    assert claim.source is not None and claim.source.text == "Otto Lind"


def test_prepositional_prefield_is_no_speaker() -> None:
    doc = analyse(
        "Trotz zuletzt gestiegener Mieten sieht die Ministerin keinen Grund zur Sorge.",
    )
    (claim,) = doc._.claims
    assert claim.source is not None and claim.source.text == "die Ministerin"


def test_pronoun_speaker_is_the_speaker_just_named() -> None:
    doc = analyse(
        "Die Leitung sei beschädigt, sagte ein Sprecher des Netzbetreibers Ostnetz. "
        "Er kündigte eine rasche Reparatur an.",
        [("Ostnetz", "ORG")],
    )
    first, second = doc._.claims
    assert first.source is not None and second.source == first.source


def test_double_spaces_inside_a_sentence_do_not_split_the_cue_from_its_particle() -> None:
    doc = analyse(
        "In Graz stellte  die Landesrätin Eva Moser am Freitag klar: Wir  sparen nicht bei den "
        "Schulen.",
        [("Eva Moser", "PER"), ("Graz", "LOC")],
    )
    (claim,) = doc._.claims
    assert claim.text.startswith("Wir  sparen")
    assert claim.source is not None and claim.source.text == "Eva Moser"


def test_direct_speech_goes_on_in_the_present_without_quotation_marks() -> None:
    doc = analyse(
        "Die Landesrätin Eva Moser stellte klar: Wir sparen nicht bei den Schulen. "
        "Die Bildung hat Vorrang. Danach besuchte sie ein Gymnasium.",
        [("Eva Moser", "PER")],
    )
    texts = [c.text for c in doc._.claims]
    assert texts == ["Wir sparen nicht bei den Schulen", "Die Bildung hat Vorrang"]
    assert doc._.claims[1].source == doc._.claims[0].source


def test_speaker_owned_by_a_name_in_the_genitive_is_the_named_person() -> None:
    doc = analyse(
        "Das Urteil sei endgültig, sagte Müllers in Wien lebende Tochter Anna Müller am Freitag.",
        [("Müllers", "PER"), ("Anna Müller", "PER"), ("Wien", "LOC")],
    )
    (claim,) = doc._.claims
    assert claim.source is not None and claim.source.text == "Anna Müller"


def test_relative_clause_after_a_preposition_finds_its_speaker() -> None:
    doc = analyse(
        "Anlass ist ein Interview, in dem der Gesandte der Regierung vorwarf, Gespräche zu "
        "blockieren.",
    )
    (claim,) = doc._.claims
    assert claim.source is not None and "Gesandte" in claim.source.text


def test_bracketed_party_does_not_cut_the_speaker_from_the_verb() -> None:
    doc = analyse(
        "Am Montag haben die Stadträte Karl Ebner (SPÖ) und Lisa Wolf (ÖVP) eine neue "
        "Parkordnung verkündet.",
        [("Karl Ebner", "PER"), ("Lisa Wolf", "PER"), ("SPÖ", "ORG"), ("ÖVP", "ORG")],
    )
    (claim,) = doc._.claims
    assert claim.source is not None and claim.source.text == "Karl Ebner"


def test_report_noun_before_zufolge_takes_no_apposed_name() -> None:
    doc = analyse(
        "In Ankara ermittelt die Justiz Medienberichten zufolge gegen den Chef der Partei, "
        "Ali Demir, wegen Betrugs.",
        [("Ankara", "LOC"), ("Ali Demir", "PER")],
    )
    first = doc._.claims[0]
    assert first.source is not None and first.source.text == "Medienberichten"


def test_pronoun_speaker_is_not_a_name_deep_inside_the_quote() -> None:
    doc = analyse(
        "Die Richterin Eva Roth sagte, das Verfahren sei abgeschlossen. Sie habe auf die Gnade "
        "des Präsidenten Paul Kern gehofft, sagte sie.",
        [("Eva Roth", "PER"), ("Paul Kern", "PER")],
    )
    last = doc._.claims[-1]
    assert last.source is not None and last.source.text == "Eva Roth"


def test_wie_aus_hervorgeht_is_reported_with_the_document_as_source() -> None:
    doc = analyse(
        "Die Stadt erhält zwei Millionen Euro, wie aus einem Bericht des Rechnungshofes "
        "hervorgeht.",
        [("Rechnungshofes", "ORG")],
    )
    (claim,) = doc._.claims
    assert claim.certainty == "reported"
    assert claim.text == "Die Stadt erhält zwei Millionen Euro"


def test_wie_bekannt_wurde_is_reported_without_source() -> None:
    doc = analyse("Wie am Montag bekannt wurde, hat die Firma ihr Werk verkauft.")
    (claim,) = doc._.claims
    assert claim.certainty == "reported" and claim.source is None


def test_suspected_of_is_alleged() -> None:
    doc = analyse(
        "Die Polizei nahm einen Mann fest, der verdächtigt wird, den Brand gelegt zu haben."
    )
    (claim,) = doc._.claims
    assert claim.certainty == "alleged"
    assert "den Brand gelegt zu haben" in claim.text


def test_refusal_to_say_whether_is_no_claim() -> None:
    doc = analyse("Der Minister äußerte sich nicht dazu, ob die Steuer erhöht wird.")
    assert doc._.claims == []
    doc = analyse("Die Sprecherin sagte nicht, wann die Gespräche beginnen.")
    assert doc._.claims == []


def test_fearing_needs_a_proposition() -> None:
    doc = analyse("Die Anrainer fürchten, die Straße könnte gesperrt werden.")
    assert len(doc._.claims) == 1
    doc = analyse("Wer falsch parkt, muss keine Strafe fürchten, doch die Polizei kontrolliert.")
    assert doc._.claims == []


def test_two_denials_joined_by_und_deny_different_claims() -> None:
    doc = analyse(
        "Im Archiv sei ein Vertrag mit der Unterschrift des Bürgermeisters Hans Hofer gefunden "
        "worden, sagte der Archivleiter Paul Berg. Die Unterschrift sei echt, fügte Berg hinzu. "
        "Hofer bestritt die Existenz des Vertrags und sprach von einer Fälschung.",
        [("Hans Hofer", "PER"), ("Paul Berg", "PER"), ("Berg", "PER"), ("Hofer", "PER")],
    )
    found, genuine, existence, forgery = doc._.claims
    assert forgery.text.endswith("einer Fälschung") and forgery.certainty == "denied"
    assert existence.certainty == "denied"
    assert forgery.contradicts == [genuine.id]
    assert existence.contradicts == [found.id]


def test_hedge_of_an_attributed_speaker_keeps_the_certainty() -> None:
    doc = analyse(
        "Dem Statistikamt zufolge hat die Region die wahrscheinlich höchste Quote im Land.",
        [("Statistikamt", "ORG")],
    )
    (claim,) = doc._.claims
    assert claim.certainty == "reported"


def test_hearsay_in_a_subordinate_clause_is_a_claim_of_its_own() -> None:
    doc = analyse(
        "Nach Angaben der Zeitung Kurier ermittelt die Justiz gegen den Bürgermeister, weil er "
        "Gelder veruntreut haben soll.",
        [("Kurier", "ORG")],
    )
    main, hedged = doc._.claims
    assert main.certainty == "reported"
    assert hedged.certainty == "alleged" and hedged.text.startswith("weil er")
    assert hedged.source == main.source


def test_relative_derzufolge_takes_the_noun_before_it() -> None:
    doc = analyse("Es gibt eine Umfrage des Instituts, derzufolge die Mehrheit dagegen ist.")
    (claim,) = doc._.claims
    assert claim.certainty == "reported"
    assert claim.source is not None and "Umfrage" in claim.source.text


def test_upholding_a_sentence_and_agreeing_to_act_are_no_statements() -> None:
    assert analyse("Das Höchstgericht hat das Urteil gegen den Blogger bestätigt.")._.claims == []
    assert analyse("Der Mann hatte sich bereit erklärt, die Tat zu begehen.")._.claims == []


def test_indirect_speech_after_an_inverted_cue_is_a_second_claim() -> None:
    doc = analyse(
        "Die Pläne seien geändert worden, sagten die Stadträte, man habe auf die Bürger gehört."
    )
    first, second = doc._.claims
    assert second.text == "man habe auf die Bürger gehört"
    assert second.source == first.source and first.source is not None


def test_teaser_opening_with_a_name_and_a_colon_is_a_claim() -> None:
    doc = analyse(
        "Ostnetz: Leitung bis Montag repariert – Der Strom fällt weiter aus.",
        [("Ostnetz", "ORG")],
    )
    assert doc._.claims and doc._.claims[0].source.text == "Ostnetz"


def test_subject_before_commas_speaks_with_angeben() -> None:
    doc = analyse(
        "Die Bürgermeisterin und ihr Stellvertreter, Max Gruber, gaben an, die Kasse sei leer.",
        [("Max Gruber", "PER")],
    )
    (claim,) = doc._.claims
    assert claim.certainty == "reported"
    assert claim.source is not None and "Bürgermeisterin" in claim.source.text


def test_unlikely_is_the_reports_own_hedge() -> None:
    doc = analyse("Eine Einigung ist unwahrscheinlich, weil beide Seiten auf Zeit spielen.")
    (claim,) = doc._.claims
    assert claim.certainty == "unconfirmed"


def test_present_tense_goes_on_only_where_the_text_has_no_quotation_marks() -> None:
    text = "Die Ministerin stellte klar: Wir fördern die Schulen. Die Bildung hat Vorrang."
    assert len(analyse(text)._.claims) == 2
    quoted = 'Die Ministerin sagte: "Wir fördern die Schulen." Die Bildung hat Vorrang.'
    assert [c.text for c in analyse(quoted)._.claims] == ["Wir fördern die Schulen"]


def test_hervorgehen_of_a_person_is_no_report() -> None:
    assert analyse("Der Verein ging aus der Krise gestärkt hervor.")._.claims == []


def test_suspicious_as_an_adjective_is_no_accusation() -> None:
    assert analyse("Die Polizei fand eine verdächtige Tasche am Bahnhof.")._.claims == []


def test_no_losses_contradicts_another_sides_account_of_killings() -> None:
    doc = analyse(
        "Die Armee meldete, drei Kämpfer der Miliz seien getötet worden. Die Miliz erklärte, "
        "sie habe keine Verluste erlitten.",
        [("Miliz", "ORG")],
    )
    first, second = doc._.claims
    assert second.contradicts == [first.id] and first.contradicts == [second.id]


def test_davon_kann_keine_rede_sein_is_a_denial() -> None:
    doc = analyse(
        "Der Stadtrat soll Spenden angenommen haben. Davon kann keine Rede sein, sagte sein Anwalt."
    )
    accusation, denial = doc._.claims
    assert denial.certainty == "denied"
    assert denial.contradicts == [accusation.id]


def test_den_angaben_zufolge_and_the_speech_after_it_take_the_source_before() -> None:
    doc = analyse(
        "Wie das Innenministerium mitteilte, wurde ein Mann festgenommen. Er wurde den Angaben "
        "zufolge am Freitag gefasst. Er sei in Syrien gewesen.",
        [("Innenministerium", "ORG")],
    )
    sources = [c.source.text if c.source else None for c in doc._.claims]
    assert sources == ["Innenministerium"] * 3
    assert [c.certainty for c in doc._.claims] == ["reported"] * 3


def test_naming_initials_is_no_statement() -> None:
    assert analyse("Das Ministerium nannte nur die Initialen des Mannes.")._.claims == []


def test_pointing_out_and_confident_speakers_make_claims() -> None:
    doc = analyse("Die Ärztin wies darauf hin, dass die Impfung gratis sei.")
    (claim,) = doc._.claims
    assert claim.text == "dass die Impfung gratis sei"
    doc = analyse("Der Trainer zeigte sich überzeugt, dass die Mannschaft gewinnt.")
    (claim,) = doc._.claims
    assert claim.certainty == "asserted" and claim.source.text == "Der Trainer"


def test_expelled_is_no_pointing_out() -> None:
    assert analyse("Der Diplomat wurde des Landes verwiesen.")._.claims == []
    assert analyse("Der Trainer zeigte sich besorgt.")._.claims == []


def test_hiess_es_aus_names_where_it_was_said() -> None:
    doc = analyse("Die Gespräche seien gescheitert, hieß es aus dem Ministerium.")
    (claim,) = doc._.claims
    assert claim.source is not None and claim.source.text == "dem Ministerium"
    (bare,) = analyse("Die Gespräche seien gescheitert, hieß es am Abend.")._.claims
    assert bare.source is None


def test_heisst_es_darin_names_the_text_before() -> None:
    doc = analyse(
        "Die Partei veröffentlichte am Montag ein Manifest. Die Zeit der Kompromisse sei vorbei, "
        "heißt es darin."
    )
    (claim,) = doc._.claims
    assert claim.source is not None and "Manifest" in claim.source.text


def test_document_of_wie_aus_hervorgeht_is_the_noun_before_the_verb() -> None:
    doc = analyse(
        "Der Fonds erhält drei Millionen, wie aus einer der Agentur Reuters vorliegenden "
        "Aufstellung des Ministeriums hervorgeht.",
        [("Reuters", "ORG")],
    )
    (claim,) = doc._.claims
    assert claim.source is not None and "Aufstellung" in claim.source.text


def test_a_long_sentence_full_of_cues_stays_fast() -> None:
    import time

    part = "die Lage sei ernst, sagte er, weil er Geld angenommen haben soll"
    doc = analyse(", ".join([part] * 400) + ".")
    from chronik.nlp.components.claims import tag_claims

    started = time.perf_counter()
    tag_claims(doc)
    assert time.perf_counter() - started < 20
    assert doc._.claims


def test_the_deniers_own_account_after_und_contradicts_the_accusation_too() -> None:
    doc = analyse(
        "Die Regierung wirft der Miliz vor, Dörfer geplündert zu haben. Die Miliz bestreitet das "
        "und spricht von einer Kampagne.",
        [("Miliz", "ORG")],
    )
    accusation, denial, account = doc._.claims
    assert denial.certainty == "denied" and account.certainty == "asserted"
    assert set(accusation.contradicts) == {denial.id, account.id}


def test_an_age_description_names_the_speaker() -> None:
    (claim,) = analyse("Er sei unschuldig, sagte der 45-Jährige vor Gericht.")._.claims
    assert claim.text == "Er sei unschuldig"
    assert claim.source is not None and claim.source.text == "der 45-Jährige"
    (claim,) = analyse("Im Mai warnte die 60-Jährige vor einer Pleite.")._.claims
    assert claim.source is not None and claim.source.text == "die 60-Jährige"
