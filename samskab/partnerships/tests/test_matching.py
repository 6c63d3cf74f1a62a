"""Matching: globally optimal where greedy is wrong; exclusions, locks and unequal numbers."""

import numpy as np
import pytest

from samskab.partnerships import matching
from samskab.partnerships.matching import Profile


def test_greedy_is_wrong_and_the_assignment_finds_the_known_optimum():
    # Greedy takes the single best cell A–X (10) and is left with B–Y (1): total 11.
    # The optimum is A–Y + B–X = 9 + 8 = 17.
    scores = np.array([[10, 9], [8, 1]])
    assert matching.greedy(scores) == [(0, 0), (1, 1)]
    assert matching.assign(scores) == [(0, 1), (1, 0)]


def test_three_by_three_optimum_checked_by_hand():
    # The six permutations by hand: 012=12, 021=14, 102=9, 120=3, 201=18, 210=10.
    # Greedy takes 8 at (0,0) and ends with 14.
    scores = np.array([[8, 1, 7], [6, 2, 1], [1, 5, 2]])
    assert matching.assign(scores) == [(0, 2), (1, 0), (2, 1)]
    assert matching.greedy(scores) != [(0, 2), (1, 0), (2, 1)]


def test_forbidden_cell_is_never_used_even_when_it_would_score_highest():
    scores = np.array([[10, 9], [8, 1]])
    forbidden = np.array([[False, True], [False, False]])
    # A–Y is excluded: the best allowed is A–X + B–Y = 11.
    assert matching.assign(scores, forbidden) == [(0, 0), (1, 1)]


def test_person_whose_only_options_are_forbidden_stays_unmatched():
    scores = np.array([[5, 5], [9, 1]])
    forbidden = np.array([[True, True], [False, False]])
    assert matching.assign(scores, forbidden) == [(1, 0)]


def test_lock_is_kept_and_the_rest_is_optimal_around_it():
    scores = np.array([[10, 9, 0], [8, 1, 0], [0, 0, 3]])
    # Lock B–Y (1): A then takes X (10), C takes Z (3).
    assert matching.assign(scores, locks=[(1, 1)]) == [(0, 0), (1, 1), (2, 2)]


def test_lock_on_excluded_pair_is_refused():
    with pytest.raises(matching.MatchingError):
        matching.assign(np.ones((2, 2)), np.eye(2, dtype=bool), locks=[(0, 0)])


def test_rectangular_more_experts_than_leaders():
    scores = np.array([[1, 0], [5, 4], [4, 1]])
    # 2 leaders, 3 experts: best is row1→col1 (4) + row2→col0 (4) = 8 > row1→col0 + row0→col1 = 5.
    assert matching.assign(scores) == [(1, 1), (2, 0)]


def test_scores_from_profiles_count_themes_interests_and_capped_slots():
    experts = [
        Profile("a", ["Diabetes"], ["løb", "musik"], ["mon_am", "tue_am", "wed_am", "thu_am"])
    ]
    leaders = [Profile("x", ["diabetes "], ["musik"], ["mon_am", "tue_am", "wed_am", "thu_am"])]
    scores, no_time = matching.score_matrix(experts, leaders)
    # 3 × 1 theme + 1 × 1 interest + min(4, 3) slots = 7
    assert scores[0, 0] == 7
    assert not no_time[0, 0]


def test_propose_on_profiles_beats_greedy_and_explains_each_pair():
    experts = [
        Profile("anna", ["diabetes", "skole"], ["løb"], ["mon_am"]),
        Profile("bo", ["diabetes"], [], ["mon_am", "tue_pm"]),
    ]
    leaders = [
        Profile("xena", ["diabetes", "skole"], ["løb"], ["mon_am", "tue_pm"]),
        Profile("yusuf", ["skole"], ["løb"], ["mon_am"]),
    ]
    # anna–xena 3·2+1+1=8, anna–yusuf 3+1+1=5, bo–xena 3+0+2=5, bo–yusuf 0+0+1=1.
    # Greedy: anna–xena + bo–yusuf = 9; optimum: anna–yusuf + bo–xena = 10.
    pairs = matching.propose(experts, leaders)
    assert {(p.expert, p.leader) for p in pairs} == {("anna", "yusuf"), ("bo", "xena")}
    assert sum(p.score for p in pairs) == 10
    anna = next(p for p in pairs if p.expert == "anna")
    assert "Fælles tema: skole" in anna.reasons
    assert "Fælles interesser: løb" in anna.reasons


def test_propose_respects_exclusions_and_locks():
    experts = [Profile("a", ["t"]), Profile("b", ["t"])]
    leaders = [Profile("x", ["t"]), Profile("y", [])]
    pairs = matching.propose(experts, leaders, excluded=[("a", "x")], locked=[("b", "y")])
    assert {(p.expert, p.leader, p.locked) for p in pairs} == {("b", "y", True)}


def test_no_common_time_is_a_hard_exclusion():
    experts = [Profile("a", ["t"], [], ["mon_am"])]
    leaders = [Profile("x", ["t"], [], ["fri_pm"])]
    assert matching.propose(experts, leaders) == []
