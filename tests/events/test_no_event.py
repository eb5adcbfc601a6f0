"""Words that look like events and are not: what nature does, meeting a deadline."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "The region was hit by a devastating earthquake last week.",
        "The virus killed 300 people in Italy.",
        "Floods destroyed thousands of homes in Pakistan.",
    ],
)
def test_what_nature_does_is_no_event(code, text):
    assert code(text).events == []


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan needs a policy to meet security challenges.",
        "The program will meet the deadline.",
        "Officials are on track to meet this year's goal.",
    ],
)
def test_meeting_a_goal_or_a_deadline_is_no_meeting(code, text):
    assert all(e.code != "040" for e in code(text).events)


def test_meeting_someone_is_still_a_meeting(code):
    assert {e.code for e in code("Putin met Xi in Beijing.").events} == {"040"}
