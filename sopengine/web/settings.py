"""The web app's settings: from `sopengine serve` options, passed to every worker
process through environment variables (each worker builds its own app)."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

PREFIX = "SOPENGINE_WEB_"
MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    sops: Path  # the SOP directory served
    db: str | None = None  # SQLite path or database URL; None: the default location
    uploads: Path | None = None  # where output files go; default: "uploads" beside the db
    calendar: Path | None = None  # the working calendar; default: calendar.yaml beside the SOPs
    max_file_mb: int = 10  # one uploaded file at most
    max_files: int = 5  # per completion
    session_hours: float = 12
    debug: bool = False  # never on in an office: errors then show tracebacks

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * MB

    @property
    def max_request_bytes(self) -> int:
        return self.max_files * self.max_file_bytes + MB

    def to_env(self) -> dict[str, str]:
        return {PREFIX + f.name.upper(): str(getattr(self, f.name))
                for f in fields(self) if getattr(self, f.name) is not None}

    @classmethod
    def from_env(cls) -> Settings:
        raw = {f.name: os.environ.get(PREFIX + f.name.upper()) for f in fields(cls)}
        if not raw["sops"]:
            raise RuntimeError(f"{PREFIX}SOPS is not set: start the app with `sopengine serve`")
        kinds = {"sops": Path, "uploads": Path, "calendar": Path, "max_file_mb": int,
                 "max_files": int, "session_hours": float, "debug": lambda v: v == "True",
                 "db": str}
        return cls(**{k: kinds[k](v) for k, v in raw.items() if v is not None})

    def upload_dir(self, db_location: str) -> Path:
        if self.uploads:
            return self.uploads
        if "://" in db_location and not db_location.startswith("sqlite"):
            return Path.cwd() / "sopengine-uploads"
        return Path(db_location.removeprefix("sqlite:///")).parent / "uploads"
