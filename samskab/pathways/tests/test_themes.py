"""Theme mining on a small Danish corpus whose grouping is known."""

from samskab.pathways.themes import Document, danish_analyzer, mine_themes

PHONE = [
    "Telefonkøen til callcenteret gjorde det svært at få fat i kollegaer",
    "Vi sad i telefonkø for at ringe til kollegaer i jobcentret",
    "Det interne callcenter og telefonkø skaber frustration mellem kollegaer",
]
LISTENING = [
    "Borgeren følte sig hørt, da vi lyttede til hendes ønsker om arbejde",
    "Vi lyttede til borgeren og hun fik lov at fortælle om sine ønsker",
    "Det var godt at lytte til borgerens egne ord og ønsker",
]
PLAN = [
    "Den fælles plan gav overblik over hvem der gør hvad",
    "Planen blev fælles og alle kender nu deres opgaver i planen",
    "Med en fælles plan ved borgeren hvem der har ansvar for opgaver",
]


def test_analyzer_stems_danish_and_drops_stop_words():
    # Snowball's Danish stemmer: "vi" and "til" are stop words; inflections share a stem.
    assert danish_analyzer("Vi lyttede til borgerens ønsker") == ["lytted", "borg", "ønsk"]
    assert danish_analyzer("borger borgeren ønske") == ["borg", "borg", "ønsk"]


def _groups(themes):
    return sorted(sorted(d.text for d in theme.documents) for theme in themes)


def test_known_grouping_is_found_with_key_words_and_quotes():
    documents = [Document(text) for text in PHONE + LISTENING + PLAN]
    themes = mine_themes(documents)  # the number of themes is chosen, too
    assert _groups(themes) == sorted(sorted(group) for group in (PHONE, LISTENING, PLAN))
    by_first = {theme.documents[0].text: theme for theme in themes}
    phone = next(t for t in themes if t.documents[0].text in PHONE)
    assert {"telefonkø", "kollegaer"} <= set(phone.keywords[:3])
    plan = next(t for t in themes if t.documents[0].text in PLAN)
    assert "plan" in plan.keywords[:2]
    for theme in by_first.values():
        assert len(theme.quotes) == 3
        assert {q.text for q in theme.quotes} == {d.text for d in theme.documents}


def test_same_texts_give_the_same_themes():
    documents = [Document(text) for text in PLAN + PHONE + LISTENING]
    assert _groups(mine_themes(documents, n_themes=3)) == _groups(
        mine_themes(documents, n_themes=3)
    )


def test_no_text_gives_no_themes():
    assert mine_themes([Document(""), Document("og det er")]) == []
