"""Save and load fitted estimators as plain JSON: parameters and arrays only.

Loading builds the estimators from our own code and sets their fitted
attributes, so a model file can never execute code. Output is deterministic:
the same fit gives the same bytes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from pipeline.model.features import Field

FORMAT = "claims-pipeline/estimator-v1"


class ModelFormatError(ValueError):
    """The JSON does not describe an estimator we can rebuild."""


def dump_estimator(estimator: Any) -> dict[str, Any]:
    if isinstance(estimator, Pipeline):
        return {"type": "Pipeline", "steps": [[name, dump_estimator(step)] for name, step in estimator.steps]}
    if isinstance(estimator, FeatureUnion):
        return {"type": "FeatureUnion", "parts": [[name, dump_estimator(part)] for name, part in estimator.transformer_list]}
    if isinstance(estimator, Field):
        return {"type": "Field", "key": estimator.key, "stack": estimator.stack}
    if isinstance(estimator, DictVectorizer):
        return {"type": "DictVectorizer", "feature_names": list(estimator.feature_names_)}
    if isinstance(estimator, LogisticRegression):
        return {
            "type": "LogisticRegression",
            "classes": estimator.classes_.tolist(),
            "coef": estimator.coef_.tolist(),
            "intercept": estimator.intercept_.tolist(),
        }
    raise ModelFormatError(f"cannot save a {type(estimator).__name__}")


def load_estimator(data: Any) -> Any:
    if not isinstance(data, dict) or "type" not in data:
        raise ModelFormatError("expected an object with a 'type'")
    loader = LOADERS.get(data["type"])
    if loader is None:
        raise ModelFormatError(f"unknown estimator type {data['type']!r}")
    try:
        return loader(data)
    except (KeyError, TypeError, ValueError) as err:
        raise ModelFormatError(f"bad {data['type']}: {err}") from None


def load_pipeline(data: dict[str, Any]) -> Pipeline:
    return Pipeline([(str(name), load_estimator(step)) for name, step in data["steps"]])


def load_union(data: dict[str, Any]) -> FeatureUnion:
    return FeatureUnion([(str(name), load_estimator(part)) for name, part in data["parts"]])


def load_field(data: dict[str, Any]) -> Field:
    return Field(str(data["key"]), stack=bool(data["stack"]))


def load_dict_vectorizer(data: dict[str, Any]) -> DictVectorizer:
    vectorizer = DictVectorizer()
    names = [str(name) for name in data["feature_names"]]
    vectorizer.feature_names_ = names
    vectorizer.vocabulary_ = {name: i for i, name in enumerate(names)}
    return vectorizer


def load_logistic_regression(data: dict[str, Any]) -> LogisticRegression:
    model = LogisticRegression()
    model.classes_ = np.array(data["classes"])
    model.coef_ = np.array(data["coef"], dtype=np.float64)
    model.intercept_ = np.array(data["intercept"], dtype=np.float64)
    if model.coef_.ndim != 2 or model.intercept_.shape != (model.coef_.shape[0],):
        raise ValueError("coef and intercept shapes disagree")
    model.n_features_in_ = model.coef_.shape[1]
    return model


LOADERS = {
    "Pipeline": load_pipeline,
    "FeatureUnion": load_union,
    "Field": load_field,
    "DictVectorizer": load_dict_vectorizer,
    "LogisticRegression": load_logistic_regression,
}
