"""The demo county (`dangjian demo`), one generator per part of the program:

- county.py       the base data: organizations and members, reorganizations, transfers, ends of
                  membership; `build_demo`, the scales, and `DEMO_PARTS`, the later parts below
- evaluation.py   star ratings and reviews (评星定级, 民主评议) of the demo county
- pairing.py      households, pairings, activities and assessments
- supervision.py  month tasks, problems and letters of the 三函 cycle

`from models.demo import SCALES, build_demo` is all a caller needs.
"""

from __future__ import annotations

from .county import DEMO_NOTE, DEMO_PARTS, SCALES, DemoSummary, Scale, build_demo

__all__ = ["DEMO_NOTE", "DEMO_PARTS", "SCALES", "DemoSummary", "Scale", "build_demo"]
