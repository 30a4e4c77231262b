"""kaiyuan.memo: pure per-line rules remembered per rules object (the cleaner's convergence pass, metadata lines)."""
from kaiyuan import memo


def test_a_pure_function_runs_once_per_argument_and_owner():
    calls = []

    def width(line, rules):
        calls.append(line)
        return len(line) * rules["unit"]

    rules_a, rules_b = {"unit": 1}, {"unit": 2}
    assert memo.call(width, "开源模型", rules_a) == 4
    assert memo.call(width, "开源模型", rules_a) == 4
    assert memo.call(width, "开源模型", rules_b) == 8  # another rules object: its own table
    assert calls == ["开源模型", "开源模型"]


def test_equal_but_distinct_rules_do_not_share_answers():
    seen = []
    first, second = {"unit": 1}, {"unit": 1}
    memo.call(lambda line, rules: seen.append(id(rules)), "闭源", first)
    memo.call(lambda line, rules: seen.append(id(rules)), "闭源", second)
    assert seen == [id(first), id(second)]


def test_tables_stay_bounded(monkeypatch):
    monkeypatch.setattr(memo, "MAX_ENTRIES", 3)
    owner = {"unit": 1}
    for k in range(10):
        memo.call(lambda line, rules: line, f"第{k}行", owner)
    assert len(memo.table(owner)) <= 3
