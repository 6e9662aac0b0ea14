from chronik.eval.prf import PRF


def test_counts_give_precision_recall_and_f1() -> None:
    f = PRF()
    f.count({(0, 2, "PER"), (3, 4, "LOC")}, {(0, 2, "PER"), (5, 6, "ORG"), (7, 8, "OTH")})
    assert (f.tp, f.fp, f.fn, f.predicted, f.gold) == (1, 2, 1, 3, 2)
    assert (round(f.precision, 4), f.recall, f.f1) == (0.3333, 0.5, 0.4)


def test_empty_comparison_follows_the_callers_convention() -> None:
    assert (PRF().precision, PRF().recall, PRF().f1) == (0.0, 0.0, 0.0)
    assert PRF(empty=1.0).f1 == 1.0
    assert PRF(0, 3, 0, empty=1.0).precision == 0.0  # found things where there was nothing to find
    assert PRF(0, 0, 2, empty=1.0).recall == 0.0  # found nothing where there was something


def test_add_sums_counts() -> None:
    total = PRF(1, 2, 3)
    total.add(PRF(2, 2, 2))
    assert total == PRF(3, 4, 5)


def test_key_layouts_stay_as_the_commands_print_them() -> None:
    f = PRF(1, 2, 4)
    assert f.as_dict() == {
        "tp": 1,
        "fp": 1,
        "fn": 3,
        "gold": 4,
        "predicted": 2,
        "precision": 0.5,
        "recall": 0.25,
        "f1": 0.3333,
    }
    assert f.as_spec_dict() == {"p": 0.5, "r": 0.25, "f1": 0.3333, "tp": 1, "pred": 2, "gold": 4}
