"""The model report's header says what each estimator learnt from."""

from pipeline.training.summary import model_report


def test_the_report_says_the_claim_detector_learnt_from_the_written_sentences():
    written = {"sentences": 477, "file": "corpus/written/sentences.jsonl", "weight": 2.0}
    with_set = model_report({"claim_f1": 0.94}, {}, command="pipeline evaluate", external=False, written=written)
    without = model_report({"claim_f1": 0.94}, {}, command="pipeline evaluate", external=False)
    assert "the claim detector also on the 477 sentences written for the project (`corpus/written/sentences.jsonl`, weight 2.0" in with_set
    assert "written for the project" not in without and "| claim_f1 | 0.94 |" in without
