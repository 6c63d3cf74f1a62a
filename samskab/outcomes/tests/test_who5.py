"""WHO-5 scoring against hand-computed examples and the published cut-offs."""

import pytest

from samskab.outcomes import who5


@pytest.mark.parametrize(
    ("answers", "raw", "index"),
    [
        ([5, 5, 5, 5, 5], 25, 100),
        ([0, 0, 0, 0, 0], 0, 0),
        ([3, 2, 4, 1, 0], 10, 40),  # 3+2+4+1+0 = 10; 10 × 4 = 40
        ([4, 3, 3, 2, 1], 13, 52),  # 13 × 4 = 52
        ([2, 1, 2, 1, 1], 7, 28),
    ],
)
def test_who5_raw_score_and_index(answers, raw, index):
    assert who5.score(answers) == who5.Who5Score(raw=raw, index=index)


@pytest.mark.parametrize(
    ("raw", "phrase"),
    [
        (13, "ingen tegn"),  # index 52: above 50
        (12, "nedsat trivsel"),  # index 48: at or below 50
        (8, "nedsat trivsel"),  # index 32
        (7, "mulig depression"),  # index 28: at or below 28
        (0, "mulig depression"),
    ],
)
def test_who5_cut_offs(raw, phrase):
    assert phrase in who5.Who5Score(raw=raw, index=raw * 4).interpretation


@pytest.mark.parametrize(
    "answers", [[1, 2, 3, 4], [1, 2, 3, 4, 5, 0], [6, 0, 0, 0, 0], [-1, 0, 0, 0, 0]]
)
def test_who5_refuses_wrong_answers(answers):
    with pytest.raises(ValueError, match="WHO-5"):
        who5.score(answers)
