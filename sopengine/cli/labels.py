"""User-facing labels: Indonesian by default, English with ``--lang en``."""

from __future__ import annotations

LANGS = ("id", "en")

_LABELS: dict[str, tuple[str, str]] = {
    "no": ("No", "No"),
    "step": ("Langkah", "Step"),
    "actor": ("Pelaksana", "Actor"),
    "time": ("Waktu", "Time"),
    "es": ("Mulai\nawal", "Early\nstart"),
    "ef": ("Selesai\nawal", "Early\nfinish"),
    "ls": ("Mulai\nakhir", "Late\nstart"),
    "lf": ("Selesai\nakhir", "Late\nfinish"),
    "slack": ("Longgar", "Slack"),
    "free_slack": ("Longgar bebas", "Free slack"),
    "critical": ("Kritis", "Crit."),
    "yes": ("ya", "yes"),
    "total": ("Jumlah waktu", "Total time"),
    "minutes": ("menit", "minutes"),
    "hours": ("jam", "hours"),
    "workdays": ("hari kerja", "working days"),
    "hours_per_day": ("jam/hari", "h/day"),
    "critical_path": ("Jalur kritis", "Critical path"),
    "per_actor": ("Beban per pelaksana", "Load per actor"),
    "steps": ("langkah", "steps"),
    "times_in": ("waktu dalam menit", "times in minutes"),
}


def label(key: str, lang: str = "id") -> str:
    return _LABELS[key][LANGS.index(lang)]
