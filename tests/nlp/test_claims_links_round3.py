"""Contradiction links of kinds that real news has more of than our gold: counter-accounts with no
denial verb, figures that cannot both be true, blame turned round, denials of reports told several
sentences earlier (conventions 7.1). Sentences written for these tests."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse


def _by_text(doc, start: str):
    return next(c for c in doc._.claims if c.text.startswith(start))


def test_the_opposite_being_the_case_denies_the_claim_before() -> None:
    doc = analyse(
        "Die Opposition behauptet, die Zahl der Lehrstellen sei im Vorjahr gesunken. "
        "Bildungsministerin Eva Kogler sagte, das Gegenteil sei der Fall.",
        [("Eva Kogler", "PER")],
    )
    claim, answer = doc._.claims
    assert answer.certainty == "denied"
    assert answer.contradicts == [claim.id] and claim.contradicts == [answer.id]


def test_calling_it_absurd_denies_an_accusation_of_another_source() -> None:
    doc = analyse(
        "Die Regierung in Lindavia beschuldigt Norland, Söldner über die Grenze geschickt zu "
        "haben. Das Außenministerium in Nordstadt nannte das absurd.",
        [("Lindavia", "LOC"), ("Norland", "LOC"), ("Nordstadt", "LOC")],
    )
    accusation, answer = doc._.claims
    assert answer.certainty == "denied"
    assert answer.contradicts == [accusation.id]


def test_a_rebuttal_word_with_nothing_to_deny_stays_asserted() -> None:
    doc = analyse("Der Bürgermeister nannte das absurd.")
    assert all(c.certainty != "denied" and c.contradicts == [] for c in doc._.claims)
    doc = analyse(
        "Die Firma teilte mit, sie habe die Maschine gebaut. Der Gutachter sagte, die Firma habe "
        "das Verfahren nicht erfunden."
    )
    assert all(c.contradicts == [] for c in doc._.claims)


def test_participant_figures_of_two_sources_contradict() -> None:
    doc = analyse(
        "Nach Angaben der Polizei nahmen an dem Marsch in Linz rund 3.000 Menschen teil. Die "
        "Gewerkschaft sprach von 12.000 Teilnehmern.",
        [("Linz", "LOC")],
    )
    police = _by_text(doc, "Nach Angaben")
    union = next(c for c in doc._.claims if "12.000" in c.text)
    assert police.contradicts == [union.id] and union.contradicts == [police.id]


def test_the_same_figure_or_other_things_counted_do_not_contradict() -> None:
    same = analyse(
        "Nach Angaben der Polizei wurden bei dem Unfall vier Menschen getötet. Die Feuerwehr "
        "sprach von vier Toten."
    )
    assert all(c.contradicts == [] for c in same._.claims)
    other = analyse(
        "Nach Angaben der Polizei wurden bei dem Unfall vier Menschen getötet. Die Feuerwehr "
        "sprach von elf Verletzten."
    )
    assert all(c.contradicts == [] for c in other._.claims)


def test_death_tolls_of_two_sources_contradict() -> None:
    doc = analyse(
        "Bei dem Bombenanschlag auf einen Busbahnhof sind nach Angaben der Polizei 18 Menschen "
        "getötet worden. Das Gesundheitsministerium sprach von neun Toten."
    )
    police, ministry = doc._.claims
    assert police.contradicts == [ministry.id]


def test_the_accused_blaming_the_accuser_for_the_attack_contradicts() -> None:
    doc = analyse(
        "Die Armee machte die Rebellen für den Beschuss des Dorfes verantwortlich. Die Rebellen "
        "beschuldigten die Armee, das Dorf selbst beschossen zu haben."
    )
    army, rebels = doc._.claims
    assert army.certainty == rebels.certainty == "alleged"
    assert rebels.contradicts == [army.id]


def test_a_third_party_accusing_someone_else_does_not_contradict() -> None:
    doc = analyse(
        "Die Armee machte die Rebellen für den Beschuss des Dorfes verantwortlich. Die "
        "Menschenrechtler beschuldigten die Regierung, Journalisten verhaftet zu haben."
    )
    assert all(c.contradicts == [] for c in doc._.claims)


def test_a_denial_of_the_reports_reaches_a_report_several_sentences_back() -> None:
    doc = analyse(
        "Laut einem Bericht der Zeitung Morgenpost plant die Regierung eine höhere Tabaksteuer. "
        "Über die Pläne wird seit Wochen gestritten. Die Händler warnten vor Schmuggel. Die "
        "Ärztekammer begrüßte die Idee. Die Opposition schwieg. Das Finanzministerium wies die "
        "Berichte am Montag zurück.",
        [("Morgenpost", "ORG")],
    )
    report = _by_text(doc, "Laut einem Bericht")
    denial = next(c for c in doc._.claims if c.certainty == "denied")
    assert denial.contradicts == [report.id]


def test_denying_the_charges_answers_the_charge_and_its_details() -> None:
    doc = analyse(
        "Die Staatsanwaltschaft wirft dem Bauunternehmer Hager vor, Förderungen erschlichen zu "
        "haben. Hager soll das Geld in Immobilien gesteckt haben. Der Prozess beginnt im Juni. "
        "Hager bestreitet die Vorwürfe.",
        [("Hager", "PER")],
    )
    charge = _by_text(doc, "Förderungen")
    detail = _by_text(doc, "Hager soll")
    denial = next(c for c in doc._.claims if c.certainty == "denied")
    assert sorted(denial.contradicts) == sorted([charge.id, detail.id])


def test_charges_called_baseless_cover_the_account_they_answer() -> None:
    doc = analyse(
        "Zwei Beamte sollen Aufträge ohne Ausschreibung vergeben haben, teilte die Behörde mit. "
        "Sie hätten dafür Geschenke erhalten. Ihr Anwalt erklärte, die Vorwürfe seien haltlos."
    )
    first, second, denial = doc._.claims
    assert denial.certainty == "denied"
    assert sorted(denial.contradicts) == sorted([first.id, second.id])


def test_sources_that_differ_on_what_will_happen_are_not_linked() -> None:
    doc = analyse(
        "Der Minister kündigte an, dass der Vorschlag am Freitag beraten werde. Die Kanzlerin "
        "sagte hingegen, man werde vor der Wahl nicht darüber beraten."
    )
    assert all(c.contradicts == [] for c in doc._.claims)


def test_a_lead_telling_the_denial_before_the_accusation_links_them() -> None:
    names = [("Nordlicht", "ORG"), ("Vida", "ORG")]
    doc = analyse(
        "Die Reederei Nordlicht weist die Vorwürfe zurück. Nordlicht habe von den Mängeln an der "
        "Fähre gewusst, schreibt die Gewerkschaft Vida in einer Aussendung.",
        names,
    )
    denial = next(c for c in doc._.claims if c.certainty == "denied")
    account = _by_text(doc, "Nordlicht habe")
    assert denial.contradicts == [account.id] and account.contradicts == [denial.id]
    doc = analyse(
        "Die Reederei Nordlicht weist die Vorwürfe zurück. Die Fähre sei voll besetzt gewesen, "
        "schreibt die Gewerkschaft Vida in einer Aussendung.",
        names,
    )
    assert all(c.contradicts == [] for c in doc._.claims)


def test_what_denies_no_statement_links_nothing() -> None:
    before = "Die Gewerkschaft sagte, die Bahn plane höhere Preise. "
    for second in (
        "Die Ministerin wollte den Bericht am Montag nicht dementieren.",
        "Der Plan würde dem Vertrag widersprechen, sagte ein Jurist.",
        "Die Angaben der Zeugen widersprechen sich.",
        "Der Bürgermeister sagte, die neue Regel sei falsch.",
    ):
        doc = analyse(before + second)
        assert all(c.contradicts == [] for c in doc._.claims), second


def test_a_spokesman_contradicting_it_still_denies() -> None:
    doc = analyse(
        "Die Gewerkschaft sagte, die Bahn plane höhere Preise. Dem widersprach ein Sprecher der "
        "Bahn: Die Preise blieben gleich."
    )
    account = doc._.claims[0]
    assert any(account.id in c.contradicts for c in doc._.claims[1:])


def test_the_attacker_of_one_account_is_the_victim_of_the_other() -> None:
    doc = analyse(
        "Die Polizei erklärte, der Demonstrant Yilmaz habe die Beamten angegriffen. Augenzeugen "
        "berichteten, Yilmaz sei von den Polizisten ohne Grund verletzt worden.",
        [("Yilmaz", "PER")],
    )
    police, witnesses = doc._.claims
    assert witnesses.contradicts == [police.id] and police.contradicts == [witnesses.id]


def test_accounts_that_fit_together_are_not_linked() -> None:
    doc = analyse(
        "Die Polizei erklärte, der Demonstrant Yilmaz habe die Beamten angegriffen. Ein Arzt "
        "sagte, zwei Beamte seien leicht verletzt worden.",
        [("Yilmaz", "PER")],
    )
    assert all(c.contradicts == [] for c in doc._.claims)


def test_un_participle_agreeing_with_a_negated_account_is_no_contradiction() -> None:
    doc = analyse(
        "Der Vermieter sagt, der Mieter habe die Rechnung nicht bezahlt. Die Hausverwaltung "
        "sagte, die Rechnung sei noch immer unbezahlt."
    )
    assert all(c.contradicts == [] for c in doc._.claims)
    doc = analyse(
        "Der Mieter sagt, er habe die Rechnung bezahlt. Die Hausverwaltung sagte, die Rechnung "
        "sei noch immer unbezahlt."
    )
    first, second = doc._.claims
    assert second.contradicts == [first.id]


def test_the_deniers_spokesman_answers_every_accusation_denied() -> None:
    names = [("Lindavia", "LOC"), ("Norland", "LOC")]
    doc = analyse(
        "Lindavia wirft Norland vor, Kampfjets in seinen Luftraum geschickt zu haben. Auch "
        "Drohnen aus Norland sollen die Grenze überquert haben. Die Lage ist angespannt. Norland "
        "bestreitet die Vorwürfe. Kein Flugzeug habe die Grenze überflogen, sagte ein Sprecher in "
        "Norland.",
        names,
    )
    jets, drones = _by_text(doc, "Kampfjets"), _by_text(doc, "Auch Drohnen")
    answer = _by_text(doc, "Kein Flugzeug")
    assert sorted(answer.contradicts) == sorted([jets.id, drones.id])


def test_it_being_propaganda_denies_an_earlier_accusation() -> None:
    doc = analyse(
        "Die Regierung beschuldigt die Opposition, Wahlzettel gefälscht zu haben. Ein Sprecher "
        "der Opposition sagte, es handle sich um Propaganda.",
        [("Opposition", "ORG")],
    )
    accusation, answer = doc._.claims
    assert answer.certainty == "denied" and answer.contradicts == [accusation.id]


def test_participants_counted_by_who_took_part() -> None:
    doc = analyse(
        "Nach Angaben der Polizei beteiligten sich rund 800 Menschen an der Kundgebung. Die "
        "Veranstalter sprachen von 5.000 Teilnehmern."
    )
    police, organisers = doc._.claims
    assert organisers.contradicts == [police.id]


def test_rejecting_the_criticism_reaches_the_critic_past_other_claims() -> None:
    doc = analyse(
        "Die Grünen kritisierten, das Ministerium habe Millionen für Berater ausgegeben. Der "
        "Rechnungshof prüft die Verträge. Ein Sprecher des Rechnungshofs sagte, das Ergebnis komme "
        "im Mai. Das Ministerium wies die Kritik am Montag zurück.",
        [("Grünen", "ORG")],
    )
    critic = _by_text(doc, "das Ministerium habe")
    denial = next(c for c in doc._.claims if c.certainty == "denied")
    assert denial.contradicts == [critic.id]


def test_a_teaser_denial_by_an_institution_answers_the_report_after_it() -> None:
    doc = analyse(
        "Das Innenministerium weist den Bericht über einen Grenzzaun zurück. Wien – Laut einem "
        "Bericht der Zeitung Morgenpost plant das Innenministerium einen Zaun an der Grenze.",
        [("Morgenpost", "ORG"), ("Wien", "LOC")],
    )
    denial = next(c for c in doc._.claims if c.certainty == "denied")
    report = next(c for c in doc._.claims if "plant das Innenministerium" in c.text)
    assert denial.contradicts == [report.id]


def test_an_institution_denying_reaches_the_accusation_against_it() -> None:
    doc = analyse(
        "Die Grünen werfen dem Sozialministerium vor, Gutachten zurückgehalten zu haben. Es geht "
        "um Studien zur Pflege. Die Studien kosteten 300.000 Euro. Der Landtag tagt am Freitag. "
        "Das Sozialministerium bestreitet das.",
        [("Grünen", "ORG")],
    )
    accusation = _by_text(doc, "Gutachten")
    denial = next(c for c in doc._.claims if c.certainty == "denied")
    assert denial.contradicts == [accusation.id]


def test_a_speaker_does_not_deny_the_study_it_cites_itself() -> None:
    doc = analyse(
        "Hinter der Schließung stehe eine Studie, wonach die Filialen kaum genutzt würden, sagte "
        "Bankchef Anton Maier. Die Gewerkschaft protestierte. Dass die Schließung mit dem Sparkurs "
        "zu tun habe, bestritt Maier.",
        [("Anton Maier", "PER"), ("Maier", "PER")],
    )
    denial = next(c for c in doc._.claims if c.certainty == "denied")
    assert denial.contradicts == []
