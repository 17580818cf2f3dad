"""The estimator contract, model persistence and the checks made before loading."""
from __future__ import annotations

import io
import json
import shutil

import joblib
import pytest
from sklearn.base import clone

from scorer.errors import ModelError
from scorer.features import SentenceFeatures, build_contexts
from scorer.model import CARD_FILE, MODEL_FILE, ClassifierOptions, build_pipeline, load_model, save_model
from scorer.sentences import split_sentences
from scorer.types import LABELS
from training.data import make_training_set
from scorer.io import read_labelled

from .conftest import SEED_LABELS


@pytest.fixture(scope="module")
def seed_set():
    return make_training_set(read_labelled(SEED_LABELS))


@pytest.fixture(scope="module")
def fitted(seed_set):
    return build_pipeline(ClassifierOptions(words=True)).fit(seed_set.contexts, seed_set.labels)


def test_init_only_stores_parameters():
    transformer = SentenceFeatures(neighbours=False)
    assert vars(transformer) == {"neighbours": False}
    assert transformer.get_params() == {"neighbours": False}
    assert transformer.set_params(neighbours=True).neighbours is True


def test_clone_and_params_round_trip():
    pipeline = build_pipeline()
    copy = clone(pipeline)
    assert copy.get_params(deep=False).keys() == pipeline.get_params(deep=False).keys()
    copy.set_params(classify__C=0.25)
    assert copy.get_params()["classify__C"] == 0.25
    assert pipeline.get_params()["classify__C"] != 0.25


def test_fit_returns_self_and_fitted_state_ends_in_underscore(seed_set):
    transformer = SentenceFeatures()
    assert transformer.fit(seed_set.contexts) is transformer
    assert all(name.endswith("_") for name in vars(transformer) if name != "neighbours")


def test_predictions_identical_after_joblib_round_trip(fitted, seed_set):
    buffer = io.BytesIO()
    joblib.dump(fitted, buffer)
    buffer.seek(0)
    restored = joblib.load(buffer)
    assert list(restored.predict(seed_set.contexts)) == list(fitted.predict(seed_set.contexts))
    assert (restored.predict_proba(seed_set.contexts) == fitted.predict_proba(seed_set.contexts)).all()
    assert set(fitted.classes_) == set(LABELS)


def test_unknown_classifier_kind_is_refused():
    with pytest.raises(ValueError, match="unknown classifier kind"):
        build_pipeline(ClassifierOptions(kind="forest"))


def test_boosted_trees_fit_and_predict(seed_set):
    pipeline = build_pipeline(ClassifierOptions(kind="boosted", words=False))
    pipeline.fit(seed_set.contexts, seed_set.labels)
    assert pipeline.predict_proba(seed_set.contexts[:3]).shape == (3, 4)


def test_save_and_load_round_trip(tmp_path, fitted):
    card = save_model(fitted, {"name": "tiny", "version": "t"}, tmp_path)
    model = load_model(tmp_path)
    assert model.describe() == {"name": "tiny", "version": "t", "sha256": card["model_sha256"]}
    for key in ("python_version", "sklearn_version", "nltk_version", "joblib_version", "labels"):
        assert key in json.loads((tmp_path / CARD_FILE).read_text())
    text = "Officials said it was over. Comments"
    contexts = build_contexts(text, split_sentences(text))
    assert list(model.pipeline.predict(contexts)) == list(fitted.predict(contexts))


@pytest.fixture
def saved(tmp_path, fitted):
    save_model(fitted, {"name": "tiny"}, tmp_path / "m")
    return tmp_path / "m"


def test_tampered_model_is_refused(saved):
    with open(saved / MODEL_FILE, "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelError, match="checksum does not match"):
        load_model(saved)


def test_other_scikit_learn_version_is_refused(saved):
    card = json.loads((saved / CARD_FILE).read_text())
    card["sklearn_version"] = "0.0.1"
    (saved / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="scikit-learn 0.0.1"):
        load_model(saved)


@pytest.mark.parametrize("missing", [MODEL_FILE, CARD_FILE])
def test_incomplete_model_directory_is_refused(saved, missing):
    (saved / missing).unlink()
    with pytest.raises(ModelError, match=f"missing {missing}"):
        load_model(saved)


def test_broken_card_and_wrong_paths_are_refused(saved, tmp_path):
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "nowhere")
    with pytest.raises(ModelError, match="is not a directory"):
        load_model(saved / MODEL_FILE)
    (saved / CARD_FILE).write_text("{not json")
    with pytest.raises(ModelError, match="not a valid model card"):
        load_model(saved)


def test_shipped_default_model_loads_and_matches_its_card(default_model):
    assert default_model.card["labels"] == list(LABELS)
    assert default_model.card["training_data"]
    assert default_model.card["cross_validation"]["macro_f1"] > 0.5
    assert set(default_model.pipeline.classes_) == set(LABELS)


def test_training_twice_gives_identical_bytes(tmp_path, seed_set, fitted):
    again = build_pipeline(ClassifierOptions(words=True)).fit(seed_set.contexts, seed_set.labels)
    first = save_model(fitted, {"name": "a"}, tmp_path / "a")
    second = save_model(again, {"name": "a"}, tmp_path / "b")
    assert first["model_sha256"] == second["model_sha256"]
    shutil.rmtree(tmp_path / "b")


def test_feature_names_belong_to_each_model(fitted, seed_set):
    from scorer.model import Model

    linear = Model(fitted, {"model_sha256": "-"}, "linear")
    assert len(linear.feature_names) == fitted.steps[-1][1].coef_.shape[1]
    assert any(n.startswith("word:") for n in linear.feature_names)
    readable = build_pipeline(ClassifierOptions(words=False)).fit(seed_set.contexts, seed_set.labels)
    other = Model(readable, {"model_sha256": "-"}, "readable")
    assert len(other.feature_names) == readable.steps[-1][1].coef_.shape[1] != len(linear.feature_names)
    trees = build_pipeline(ClassifierOptions(kind="boosted", words=False)).fit(seed_set.contexts, seed_set.labels)
    assert Model(trees, {"model_sha256": "-"}, "trees").feature_names is None
