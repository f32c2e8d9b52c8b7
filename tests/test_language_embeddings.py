"""Our word-cached encoder gives model2vec's own vectors, only faster."""

import numpy as np
from model2vec import StaticModel

from kindvoice.language.embeddings import MODEL_DIR, StaticEncoder, encode
from kindvoice.language.training import corpus

AWKWARD = [
    "",
    "   ",
    "İstanbul café naïve — “quoted” don’t",
    "zero\u200bwidth and tabs\tand\nnewlines",
    "日本語のテキスト",
    "word " * 700,  # longer than the model's 512 tokens: cut the same way
    "ok",
]


def test_the_cached_encoder_matches_model2vec_on_every_corpus_sentence() -> None:
    texts = [r["text"] for name in ("crisis", "selftalk") for r in corpus(name)] + AWKWARD
    reference = np.asarray(StaticModel.from_pretrained(str(MODEL_DIR)).encode(texts), dtype=np.float32)
    ours = encode(texts)
    assert ours.shape == reference.shape
    assert np.abs(ours - reference).max() < 2e-3  # float16 rounding in model2vec's mean, nothing more


def test_a_batch_gives_the_same_rows_as_one_sentence_at_a_time() -> None:
    texts = ["I'm such an idiot.", "", "the dog needs a walk", "ok"]
    one_by_one = np.vstack([encode([t]) for t in texts])
    assert np.allclose(encode(texts), one_by_one, atol=1e-6)


def test_the_word_cache_is_bounded(monkeypatch) -> None:
    import kindvoice.language.embeddings as embeddings

    monkeypatch.setattr(embeddings, "CACHE_WORDS", 10)
    encoder = StaticEncoder()
    before = encoder.encode(["one two three four five six seven eight nine"])
    encoder.encode([" ".join(f"word{i}" for i in range(20))])
    assert len(encoder.words) <= 20
    assert np.allclose(encoder.encode(["one two three four five six seven eight nine"]), before)
