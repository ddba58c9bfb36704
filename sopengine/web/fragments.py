"""Pieces of pages rendered once and kept, keyed by everything they show.

A row of Tugas saya is the same HTML each time its task is listed until the task
is done or becomes late, and a person reloads the list after every completion:
rendering 50 rows with Jinja2 cost about half a millisecond a page, a kept row a
dictionary lookup. The key is every value the row shows (the words in the page's
language, the late flag included), so a kept row can never be stale; the cache is
bounded and this worker's own.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from markupsafe import Markup

from sopengine.web.i18n import t
from sopengine.web.pages import env
from sopengine.web.work import InboxItem

ROWS_KEPT = 4096  # rows, about 0.5 KiB each


def task_rows(items: list[InboxItem], now: dt.datetime, lang: str) -> Markup:
    """The <li> of each task in Tugas saya, in order."""
    due_word, late_word = t("due_at", lang), t("late", lang)
    rows = []
    for item in items:
        task, inst = item.task, item.instance
        rows.append(_task_row(inst.id, task.id, item.step.action, inst.title or item.sop.title,
                              item.actor_name, task.due_at, task.due_at < now, due_word,
                              late_word))
    return Markup("\n".join(rows))  # each row is Markup: escaped once, when rendered


@lru_cache(maxsize=ROWS_KEPT)
def _task_row(instance_id: int, task_id: int, action: str, title: str, actor_name: str,
              due: dt.datetime, late: bool, due_word: str, late_word: str) -> Markup:
    return Markup(env.get_template("task_row.html").render(
        instance_id=instance_id, task_id=task_id, action=action, title=title,
        actor_name=actor_name, due=due, late=late, due_word=due_word, late_word=late_word))
