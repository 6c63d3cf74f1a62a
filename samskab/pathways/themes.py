"""Workshop preparation: common development themes mined from Danish free text.

Learning captures and the citizens' rating comments are vectorised with TF-IDF over
Danish Snowball stems (stop words from the `stop-words` package's Danish list removed)
and grouped with k-means (fixed random_state, so the same texts give the same sheet).
Each theme gets its key words (the heaviest terms of its centroid, shown as the most
frequent word form of each stem) and representative quotes (the texts closest to it).
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
import snowballstemmer
from stop_words import get_stop_words

RANDOM_STATE = 0
#: Above this many texts the silhouette is computed on a fixed random sample of this size
#: (it compares every pair of texts, so the full set would take quadratic time).
SILHOUETTE_SAMPLE = 2000
WORD = re.compile(r"[a-zæøåéü]+", re.IGNORECASE)
_stemmer = snowballstemmer.stemmer("danish")
_stop_words = frozenset(get_stop_words("danish"))


def danish_tokens(text: str) -> list[tuple[str, str]]:
    """(stem, word) pairs for the words that carry meaning: lower-cased, no stop words."""
    words = [w.lower() for w in WORD.findall(text or "")]
    words = [w for w in words if len(w) > 1 and w not in _stop_words]
    return list(zip(_stemmer.stemWords(words), words, strict=True))


def danish_analyzer(text: str) -> list[str]:
    return [stem for stem, _word in danish_tokens(text)]


@dataclass
class Document:
    text: str
    source: str = ""
    obj: object = None


@dataclass
class Theme:
    keywords: list[str]
    quotes: list[Document]
    documents: list[Document] = field(default_factory=list)

    @property
    def size(self):
        return len(self.documents)


def _choose_k(matrix, max_themes):
    """The number of themes with the best silhouette (a standard measure of separation)."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n = matrix.shape[0]
    best_k, best_score = 1, -1.0
    for k in range(2, min(max_themes, n - 1) + 1):
        labels = KMeans(n_clusters=k, random_state=RANDOM_STATE, n_init=10).fit_predict(matrix)
        if len(set(labels)) < 2:
            continue
        sample = SILHOUETTE_SAMPLE if n > SILHOUETTE_SAMPLE else None
        score = silhouette_score(
            matrix, labels, metric="cosine", sample_size=sample, random_state=RANDOM_STATE
        )
        if score > best_score:
            best_k, best_score = k, score
    return best_k


def mine_themes(documents, n_themes=None, max_themes=6, n_keywords=6, n_quotes=3) -> list[Theme]:
    """Group the documents into themes, largest first; `n_themes=None` chooses the number."""
    documents = [d for d in documents if danish_analyzer(d.text)]
    if not documents:
        return []
    # scikit-learn loads when themes are mined, not by the URLconf (see outcomes.evaluation.fit).
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    surface = defaultdict(Counter)
    for document in documents:
        for stem, word in danish_tokens(document.text):
            surface[stem][word] += 1
    vectorizer = TfidfVectorizer(analyzer=danish_analyzer, sublinear_tf=True)
    matrix = vectorizer.fit_transform([d.text for d in documents])
    if n_themes is None:
        n_themes = _choose_k(matrix, max_themes) if len(documents) > 2 else 1
    n_themes = max(1, min(n_themes, len(documents)))
    model = KMeans(n_clusters=n_themes, random_state=RANDOM_STATE, n_init=10).fit(matrix)
    terms = vectorizer.get_feature_names_out()
    themes = []
    for label, centroid in enumerate(model.cluster_centers_):
        members = np.flatnonzero(model.labels_ == label)
        if not len(members):
            continue
        top_terms = [terms[i] for i in np.argsort(-centroid)[:n_keywords] if centroid[i] > 0]
        keywords = [surface[stem].most_common(1)[0][0] for stem in top_terms]
        norm = np.linalg.norm(centroid) or 1.0
        # Sparse rows times the dense centroid: no dense copy of the whole matrix.
        similarity = np.asarray(matrix[members] @ centroid).ravel() / norm
        closest = members[np.argsort(-similarity, kind="stable")]
        themes.append(
            Theme(
                keywords=keywords,
                quotes=[documents[i] for i in closest[:n_quotes]],
                documents=[documents[i] for i in members],
            )
        )
    themes.sort(key=lambda theme: (-theme.size, theme.keywords))
    return themes
