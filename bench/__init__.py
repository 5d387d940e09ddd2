"""Kymppi's benchmark suite at the scale of Finland's largest opisto (issue #9).

`python -m bench` runs all of it; each module also runs alone on a database
that `bench.dataset` generated. docs/performance.md says what is measured and
against which targets.
"""
