"""Argument structure without a parser: clause openers, state passives, relative clauses, event
nouns in circumstantial phrases, lists. All sentences are invented for these tests."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse, events_of, texts


def test_a_double_space_inside_a_sentence_does_not_cut_the_clause() -> None:
    doc = analyse(
        "Die Regierung arbeitet mit  der Weltbank eng zusammen.",
        [("Weltbank", "ORG")],
    )
    (coop,) = events_of(doc, "COOPERATE")
    assert texts(coop.actor) == ["Regierung"]
    assert texts(coop.target) == ["Weltbank"]


def test_bis_before_a_date_is_a_preposition_not_a_condition() -> None:
    doc = analyse(
        "Bis zum 3. März sind in der Innenstadt von Graz Kundgebungen untersagt.",
        [("Graz", "LOC")],
        timexes=[("3. März", "DATE", "2022-03-03")],
    )
    assert [e.type for e in doc._.events] == ["COERCE"]  # the banned rallies did not happen


def test_conditions_opened_by_aber_wenn_or_sollte_name_no_event() -> None:
    doc = analyse("Aber wenn es keine Einigung mit den Gläubigern gibt, droht die Pleite.")
    assert events_of(doc, "AGREE") == []
    doc = analyse("Sollte später ein Prozess gegen die Kassierin beginnen, tritt sie zurück.")
    assert events_of(doc, "ACCUSE") == []


def test_a_demand_noun_governs_only_its_own_phrase() -> None:
    doc = analyse(
        "Am Sonntag kam es trotz Aufrufen zur Besonnenheit und vieler Polizisten zu neuen "
        "Demonstrationen."
    )
    assert len(events_of(doc, "PROTEST")) == 1


def test_politeness_particle_bitte_is_no_request() -> None:
    doc = analyse("Die Gäste sollen bitte ihre Mäntel an der Garderobe lassen.")
    assert events_of(doc, "REQUEST") == []
    doc = analyse("Ich bitte die Regierung um Hilfe.")
    assert len(events_of(doc, "REQUEST")) == 1


def test_state_passive_makes_the_subject_the_target() -> None:
    doc = analyse(
        "Nach dem Brand in Linz sind zwei Wachleute und ein Passant verletzt.", [("Linz", "LOC")]
    )
    (hurt,) = events_of(doc, "ASSAULT")
    assert hurt.actor == []
    assert texts(hurt.target) == ["Wachleute", "Passant"]


def test_verbs_of_motion_with_sein_stay_active() -> None:
    doc = analyse("Die Truppen sind aus dem Norden abgezogen.")
    (retreat,) = events_of(doc, "RETREAT")
    assert texts(retreat.actor) == ["Truppen"]


def test_passive_relative_clause_takes_its_antecedent_as_target() -> None:
    doc = analyse(
        "Er ist einer der acht Schmuggler, die am Montag festgenommen wurden.",
        timexes=[("Montag", "DATE", "2022-W49-1")],
    )
    (arrest,) = events_of(doc, "COERCE")
    assert texts(arrest.target) == ["Schmuggler"]
    assert texts(arrest.time) == ["Montag"]


def test_bei_noun_is_done_by_the_clause_subject_and_shares_its_place_and_time() -> None:
    doc = analyse(
        "Bei einem Überfall auf ein Depot in Tilsen haben Rebellen am Dienstag Waffen erbeutet.",
        [("Tilsen", "LOC")],
        timexes=[("Dienstag", "DATE", "2022-W49-2")],
    )
    (raid,) = events_of(doc, "ASSAULT")
    assert texts(raid.actor) == ["Rebellen"]
    assert texts(raid.place) == ["Tilsen"]
    assert texts(raid.time) == ["Dienstag"]


def test_fronted_zu_besuch_is_done_by_the_subject_after_the_verb() -> None:
    doc = analyse(
        "Zu Besuch in Prag lobte der Außenminister Helga Brandt die Reformen.",
        [("Prag", "LOC"), ("Helga Brandt", "PER")],
    )
    (visit,) = events_of(doc, "CONSULT")
    assert texts(visit.actor) == ["Helga Brandt"]


def test_passive_clause_gives_its_bei_noun_no_actor() -> None:
    doc = analyse(
        "In Lyon wurden bei Krawallen drei Polizisten verletzt.",
        [("Lyon", "LOC")],
    )
    for event in doc._.events:
        assert texts(event.actor) != ["Polizisten"]


def test_relative_clause_antecedent_does_the_event_its_zu_noun_names() -> None:
    doc = analyse(
        "Das meldete die Gruppe Roter Morgen, die sich zu dem Anschlag bekannte.",
        [("Roter Morgen", "ORG")],
    )
    (attack,) = events_of(doc, "ASSAULT")
    assert texts(attack.actor) == ["Roter Morgen"]


def test_reported_clause_with_article_is_no_relative_clause() -> None:
    doc = analyse(
        "Das Ministerium in Rom meldete, der Abzug der Einheiten sei am Abend beendet worden.",
        [("Rom", "LOC")],
    )
    (retreat,) = events_of(doc, "RETREAT")
    assert "Rom" not in texts(retreat.actor)


def test_meeting_between_two_parties() -> None:
    doc = analyse(
        "Nach dem Treffen zwischen Meyer und Novak in Genf gab es keine Erklärung.",
        [("Meyer", "PER"), ("Novak", "PER"), ("Genf", "LOC")],
    )
    (meeting,) = events_of(doc, "CONSULT")
    assert texts(meeting.actor) == ["Meyer"]
    assert texts(meeting.target) == ["Novak"]


def test_agent_of_a_noun_names_a_party_not_a_place() -> None:
    doc = analyse(
        "Kritik kam vor allem von den Grünen.",
        [("Grünen", "ORG")],
    )
    (critique,) = events_of(doc, "ACCUSE")
    assert texts(critique.actor) == ["Grünen"]
    doc = analyse(
        "Bei einem Angriff in der Nähe von Kassel wurde ein Wachmann verletzt.",
        [("Kassel", "LOC")],
    )
    for event in events_of(doc, "ASSAULT"):
        assert "Kassel" not in texts(event.actor)


def test_shelling_from_a_country_happens_where_it_lands() -> None:
    doc = analyse(
        "In der Grenzstadt Velden wurden zwei Bauern durch Granaten aus Nachbarland verletzt.",
        [("Velden", "LOC"), ("Nachbarland", "LOC")],
    )
    (hurt,) = events_of(doc, "ASSAULT")
    assert "Nachbarland" not in texts(hurt.place)


def test_a_comma_list_closed_by_und_is_one_argument_list() -> None:
    doc = analyse("Die Polizei hat Gewehre, Munition und Funkgeräte beschlagnahmt.")
    (seize,) = events_of(doc, "COERCE")
    assert texts(seize.target) == ["Gewehre", "Munition", "Funkgeräte"]


def test_zusammen_mit_adds_a_co_actor() -> None:
    doc = analyse(
        "Der Mann wollte zusammen mit seinem Bruder einen Polizisten töten.",
    )
    (kill,) = events_of(doc, "ASSAULT")
    assert texts(kill.actor) == ["Mann", "Bruder"]


def test_no_time_from_a_participle_phrase_or_a_prison_term() -> None:
    doc = analyse(
        "Das Gericht bestätigte die Verurteilung des im Mai verhafteten Journalisten zu sechs "
        "Jahren Haft.",
        timexes=[("Mai", "DATE", "2022-05"), ("sechs Jahren", "DURATION", "P6Y")],
    )
    for event in doc._.events:
        if event.type == "ACCUSE":
            assert event.time == []


def test_plural_sie_before_a_verb_in_ern() -> None:
    doc = analyse("In Bern demonstrierten am Samstag Bauern. Sie fordern höhere Preise.")
    (demand,) = events_of(doc, "REQUEST")
    assert texts(demand.actor) == ["Bauern"]


def test_capitalised_der_after_a_colon_opens_a_main_clause() -> None:
    doc = analyse(
        "Streit zwischen Ungarn und Polen: Der ungarische Minister Imre Farkas will den "
        "Gesandten Jan Nowak ins Ministerium zitieren.",
        [("Ungarn", "LOC"), ("Polen", "LOC"), ("Imre Farkas", "PER"), ("Jan Nowak", "PER")],
    )
    (summon,) = events_of(doc, "ACCUSE")
    assert texts(summon.actor) == ["Imre Farkas"]
    assert texts(summon.target) == ["Jan Nowak"]


def test_the_place_after_an_addressed_party_names_the_party() -> None:
    doc = analyse(
        "Der Verband kritisierte die Regierung in Bukarest scharf.",
        [("Bukarest", "LOC")],
    )
    (critique,) = events_of(doc, "ACCUSE")
    assert critique.place == []


def test_a_definite_event_noun_in_a_purpose_refers_to_an_event_told_before() -> None:
    doc = analyse(
        "Rebellen haben am Montag zwei Dörfer angegriffen. Ein Händler soll ihnen Geld gegeben "
        "haben, um die Angriffe zu ermöglichen.",
        timexes=[("Montag", "DATE", "2022-W49-1")],
    )
    assert len(events_of(doc, "ASSAULT")) == 2
    doc = analyse("Ein Händler soll Geld gegeben haben, um Angriffe zu ermöglichen.")
    assert events_of(doc, "ASSAULT") == []  # nothing told before: only a purpose


def test_a_guess_about_the_past_is_no_hypothetical() -> None:
    doc = analyse("Die Eltern fürchten, die Kinder könnten von der Bande entführt worden sein.")
    assert len(events_of(doc, "ASSAULT")) == 1
    doc = analyse("Die Bande könnte die Kinder entführen.")
    assert events_of(doc, "ASSAULT") == []


def test_a_capitalised_preposition_after_the_dateline_opens_a_main_clause() -> None:
    doc = analyse(
        "Lagos – Nahe der Küste haben Soldaten zwei Lager zerstört und mutmaßliche Piraten "
        "festgenommen.",
        [("Lagos", "LOC")],
    )
    (arrest,) = events_of(doc, "COERCE")
    assert texts(arrest.actor) == ["Soldaten"]
    assert texts(arrest.target) == ["Piraten"]


def test_a_state_can_be_addressed_by_a_demand() -> None:
    doc = analyse("Mehrere Abgeordnete forderten das Königreich zur Freilassung der Häftlinge auf.")
    (demand,) = events_of(doc, "REQUEST")
    assert texts(demand.target) == ["Königreich"]


def test_plural_sie_is_never_one_named_person() -> None:
    doc = analyse(
        "Es gebe Hinweise auf Schmuggel, sagte Ministerin Vera Holm. Außerdem besetzten sie "
        "zwei Häfen.",
        [("Vera Holm", "PER")],
    )
    for event in events_of(doc, "ASSAULT"):
        assert "Vera Holm" not in texts(event.actor)


def test_idioms_of_backing_someone_are_support() -> None:
    doc = analyse("Der Vorstand hat der Trainerin am Montag den Rücken gestärkt.")
    assert len(events_of(doc, "SUPPORT")) == 1
    doc = analyse("Die Fraktion sprach dem Minister das Vertrauen aus.")
    assert len(events_of(doc, "SUPPORT")) == 1


def test_dort_stands_for_the_place_named_in_the_sentence_before() -> None:
    doc = analyse(
        "Am Montag griffen Bewaffnete die Stadt Osterfeld an. Sie plünderten dort mehrere Läden.",
        [("Osterfeld", "LOC")],
    )
    (loot,) = [e for e in events_of(doc, "ASSAULT") if e.trigger.text == "plünderten"]
    assert texts(loot.place) == ["Osterfeld"]


def test_relative_pronoun_after_a_preposition_and_a_date_before_a_name() -> None:
    doc = analyse(
        "Anlass ist eine Rede, in der der Botschafter am Sonntag Madrid vorwarf, Verträge zu "
        "brechen.",
        [("Madrid", "LOC")],
        timexes=[("Sonntag", "DATE", "2022-W49-7")],
    )
    (accuse,) = events_of(doc, "ACCUSE")
    assert texts(accuse.actor) == ["Botschafter"]
    assert texts(accuse.target) == ["Madrid"]
    assert accuse.place == []


def test_genitive_of_a_nominalised_act_of_force_is_its_target() -> None:
    doc = analyse(
        "Berichte über die Zerstörung eines alten Klosters in Nordgrenz sorgten für Empörung.",
        [("Nordgrenz", "LOC")],
    )
    (destroy,) = events_of(doc, "ASSAULT")
    assert texts(destroy.target) == ["Klosters"]
    assert destroy.actor == []


def test_a_means_or_an_origin_is_no_passive_agent() -> None:
    doc = analyse(
        "In Kastell wurden zwei Hirten durch Granatbeschuss verletzt.", [("Kastell", "LOC")]
    )
    hurt = [e for e in events_of(doc, "ASSAULT") if e.trigger.text == "verletzt"]
    assert hurt and hurt[0].actor == []
    doc = analyse("Die Raketen seien von einem Hügel aus abgefeuert worden.")
    (fire,) = events_of(doc, "ASSAULT")
    assert fire.actor == []


def test_headline_parts_after_a_dash_are_sentences_of_their_own() -> None:
    doc = analyse(
        "Reuters: Zwei Bergleute seit Freitag vermisst – Vier Bauern in Ostland bei Beschuss "
        "aus Westland verletzt.",
        [("Reuters", "ORG"), ("Ostland", "LOC"), ("Westland", "LOC")],
    )
    (hurt,) = [e for e in events_of(doc, "ASSAULT") if e.trigger.text == "verletzt"]
    assert hurt.actor == []
    assert texts(hurt.target) == ["Bauern"]
    (shelling,) = [e for e in events_of(doc, "ASSAULT") if e.trigger.text == "Beschuss"]
    assert "Westland" not in texts(shelling.place)


def test_a_title_containing_a_name_keeps_the_preposition_of_its_person() -> None:
    doc = analyse(
        "Nach dem Treffen mit EU-Kommissar Piet Vos in Bern reiste die Delegation ab.",
        [("EU-Kommissar", "ORG", "part"), ("Piet Vos", "PER"), ("Bern", "LOC")],
    )
    meeting = next(e for e in events_of(doc, "CONSULT") if e.trigger.text == "Treffen")
    assert texts(meeting.target) == ["Piet Vos"]  # "mit" governs the title and the name
    assert texts(meeting.actor) == []


def test_a_person_named_after_a_title_in_s_is_no_genitive() -> None:
    doc = analyse(
        "Der Außenminister traf Kurdenführer Tomas in Riga.",
        [("Kurdenführer", "LOC", "deriv"), ("Tomas", "PER"), ("Riga", "LOC")],
    )
    (meeting,) = events_of(doc, "CONSULT")
    assert texts(meeting.target) == ["Tomas"]


def test_a_demonym_in_s_is_a_plural_noun_and_can_be_addressed() -> None:
    doc = analyse(
        "Der Gesandte hat Israelis und Libanesen zur Zurückhaltung aufgerufen.",
        [("Israelis", "LOC", "deriv"), ("Libanesen", "LOC", "deriv")],
    )
    (call,) = events_of(doc, "REQUEST")
    assert texts(call.target) == ["Israelis", "Libanesen"]
    doc = analyse(
        "Es waren Männer, die mit Messern und Äxten Israelis angriffen.",
        [("Israelis", "LOC", "deriv")],
    )
    (attack,) = events_of(doc, "ASSAULT")
    assert texts(attack.target) == ["Israelis"]


def test_a_present_participle_adverb_stays_inside_the_noun_phrase() -> None:
    doc = analyse(
        "Nach dem weitgehend erfolglosen Gespräch kritisierte der Minister die Regierung."
    )
    (blame,) = events_of(doc, "ACCUSE")
    assert texts(blame.actor) == ["Minister"]  # "Nach dem ... Gespräch" is a phrase, no subject
    assert texts(blame.target) == ["Regierung"]


def test_places_near_a_town_and_in_named_areas() -> None:
    doc = analyse(
        "Die Armee griff Stellungen in der Nähe von Homs und in den Kurdengebieten an.",
        [("Homs", "LOC"), ("Kurdengebieten", "LOC", "deriv")],
    )
    (attack,) = events_of(doc, "ASSAULT")
    assert texts(attack.place) == ["Homs", "Kurdengebieten"]
    doc = analyse("Die Rebellen haben Dörfer von Homs angegriffen.", [("Homs", "LOC")])
    (attack,) = events_of(doc, "ASSAULT")
    assert attack.place == []  # a plain "von" names whose, not where


def test_a_noun_phrase_after_a_date_is_no_genitive_of_it() -> None:
    doc = analyse(
        "Nach Polizeiangaben wurden in der Nacht auf Freitag der Onkel und der Neffe des Wirts "
        "festgenommen.",
        timexes=[("der Nacht auf Freitag", "TIME", "2022-WXX-5TNI")],
    )
    (arrest,) = events_of(doc, "COERCE")
    assert texts(arrest.target) == ["Onkel", "Neffe"]


def test_a_finite_main_verb_stays_active_beside_a_passive_conjunct() -> None:
    doc = analyse(
        "Die Delegation traf am Montag in Lissabon ein und wurde von Premier Paulo Sousa empfangen.",
        [("Lissabon", "LOC"), ("Paulo Sousa", "PER")],
    )
    arrival, welcome = events_of(doc, "CONSULT")
    assert texts(arrival.actor) == ["Delegation"]
    assert texts(welcome.actor) == ["Paulo Sousa"]
    assert texts(welcome.target) == ["Delegation"]
    doc = analyse("Sie fürchten, ihre Kinder könnten von der Miliz entführt worden sein.")
    (abduction,) = events_of(doc, "ASSAULT")
    assert texts(abduction.actor) == ["Miliz"]  # "worden" in its own conjunct: passive
    assert texts(abduction.target) == ["Kinder"]


def test_a_passive_agent_belongs_to_its_own_conjunct_and_not_to_an_event_noun() -> None:
    doc = analyse(
        "Bauer war auf der Flucht angeschossen und später von Zollbeamten in Haft genommen worden.",
        [("Bauer", "PER")],
    )
    (shot,) = events_of(doc, "ASSAULT")
    assert shot.actor == []
    assert texts(shot.target) == ["Bauer"]
    doc = analyse(
        "Während des Besuchs von Präsidentin Maria Lind wurden 30 Demonstranten festgenommen.",
        [("Maria Lind", "PER")],
    )
    (arrest,) = events_of(doc, "COERCE")
    assert arrest.actor == []
    assert texts(arrest.target) == ["Demonstranten"]


def test_a_quoted_first_person_is_the_speaker() -> None:
    doc = analyse(
        "Vor meinem Haus haben sie mich festgenommen, sagte die Aktivistin Eva Kern der Zeitung.",
        [("Eva Kern", "PER")],
    )
    (arrest,) = events_of(doc, "COERCE")
    assert texts(arrest.target) == ["Eva Kern"]
    doc = analyse(
        "Minister Huber trat vor die Presse. Ich habe die Regierung nie kritisiert.",
        [("Huber", "PER")],
    )
    (blame,) = events_of(doc, "ACCUSE")
    assert texts(blame.actor) == ["Huber"]
    doc = analyse("Ich habe die Regierung nie kritisiert.")
    (blame,) = events_of(doc, "ACCUSE")
    assert blame.actor == []  # nobody named: no guess


def test_the_dative_object_of_aid_is_its_recipient() -> None:
    doc = analyse(
        "Der General Omar Said bat um Hilfe. Die Regierung lieferte ihm Waffen.",
        [("Omar Said", "PER")],
    )
    (aid,) = events_of(doc, "AID")
    assert texts(aid.actor) == ["Regierung"]
    assert texts(aid.target) == ["Omar Said"]  # "ihm", not the weapons
    doc = analyse(
        "Russland hat Kampfjets an Syrien geliefert.", [("Russland", "LOC"), ("Syrien", "LOC")]
    )
    (aid,) = events_of(doc, "AID")
    assert texts(aid.target) == ["Syrien"]


def test_a_topic_after_ueber_takes_no_place_but_a_route_does() -> None:
    doc = analyse(
        "Die Gesandten setzten am Abend ihre Gespräche über die Lage in Libyen fort.",
        [("Libyen", "LOC")],
    )
    (talks,) = events_of(doc, "CONSULT")
    assert talks.place == []
    doc = analyse(
        "Die Truppen zogen über die Grenzübergänge in Kiefersdorf ab.", [("Kiefersdorf", "LOC")]
    )
    (retreat,) = events_of(doc, "RETREAT")
    assert texts(retreat.place) == ["Kiefersdorf"]


def test_a_generic_head_runs_up_to_the_name_in_its_genitive() -> None:
    doc = analyse(
        "Gegen den Chef der Bewegung Ceska Cesta Martin Novak wurden Ermittlungen eingeleitet.",
        [("Ceska Cesta", "ORG"), ("Martin Novak", "PER")],
    )
    (probe,) = events_of(doc, "ACCUSE")
    assert texts(probe.target) == ["Chef der Bewegung Ceska Cesta Martin Novak"]
    doc = analyse("Die Polizei hat den Sprecher der Regierung in Haft genommen.")
    (arrest,) = events_of(doc, "COERCE")
    assert texts(arrest.target) == ["Sprecher"]  # no name: the head alone


def test_targets_of_an_attack_may_be_called_ziele() -> None:
    doc = analyse("Kampfjets haben in der Nacht mehrere zivile Ziele angegriffen.")
    (attack,) = events_of(doc, "ASSAULT")
    assert any("Ziele" in text for text in texts(attack.target))
