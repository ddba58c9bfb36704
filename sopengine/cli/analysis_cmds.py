"""Commands beyond the critical path: simulate, workload, gantt."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from sopengine.analysis.cpm import critical_path
from sopengine.analysis.montecarlo import simulate as run_simulation
from sopengine.analysis.workload import EFFECTIVE_HOURS_PER_YEAR
from sopengine.analysis.workload import workload as compute_workload
from sopengine.cli import params
from sopengine.cli.analysis_view import console, num, styled
from sopengine.cli.messages import word
from sopengine.cli.output import check_writable, write_output, writing
from sopengine.cli.params import INSTANCE, SEED, chart_path, open_store
from sopengine.cli.text_table import Column, Row, print_table
from sopengine.definition.collection import check_paths
from sopengine.definition.duration import WorkingTime
from sopengine.definition.loader import check_file
from sopengine.definition.org import load_org
from sopengine.diagnostics import Severity
from sopengine.errors import SopInvalid
from sopengine.labels import label

lang_option = params.lang_option("Language of labels: Indonesian or English.")


def _valid(file: Path, wt: WorkingTime, *, endless: bool = True) -> Any:
    """The valid SOP of ``file``; ``endless=False`` also refuses a loop never left
    (a warning for `validate`, but no simulated run of it would ever finish)."""
    loaded = check_file(file, wt)
    if not loaded.ok or loaded.sop is None:
        raise SopInvalid(loaded.path, loaded.diagnostics)
    trapped = [replace(d, severity=Severity.ERROR) for d in loaded.diagnostics
               if d.code == "loop-never-exits"]
    if trapped and not endless:
        raise SopInvalid(loaded.path, trapped)
    return loaded.sop


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-n", "--runs", type=click.IntRange(1, 10_000_000), default=10_000,
              show_default=True, help="Number of simulated runs.")
@click.option("--seed", type=SEED, help="Seed of the random generator (repeatable results).")
@click.option("--svg", "picture", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a histogram of the totals (.svg, or .png).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON to stdout (only).")
@click.option("--day-hours", type=click.FloatRange(min=0.5, max=24), default=7.5,
              show_default=True, help="Length of a working day, in hours.")
@lang_option
def simulate(file: Path, runs: int, seed: int | None, picture: Path | None, as_json: bool,
             day_hours: float, lang: str) -> None:
    """Monte Carlo over three-point times, branch chances, parallel branches and rework."""
    wt = WorkingTime(day_minutes=day_hours * 60)
    if picture:
        check_writable(chart_path(picture, "--svg"))
    sop = _valid(file, wt, endless=False)
    sim = run_simulation(sop, runs, seed, wt)
    marks = {"P50": sim.percentile(50), "P80": sim.percentile(80), "P95": sim.percentile(95)}
    if picture:
        from sopengine.render.charts import histogram

        with writing(picture):
            histogram(sim.totals, sim.standard_total, marks, f"{sop.title} — {runs:,} "
                      f"{label('runs', lang)}", picture, lang)
    if as_json:
        click.echo(json.dumps({
            "sop": sop.id, "runs": runs, "seed": seed, "mean": round(sim.mean, 2),
            "p50": num(round(marks["P50"], 2)), "p80": num(round(marks["P80"], 2)),
            "p95": num(round(marks["P95"], 2)), "standard_total": num(sim.standard_total),
            "within_standard": round(sim.within_standard, 4),
            "criticality": {k: round(v, 4) for k, v in sim.criticality.items()}},
            ensure_ascii=False, indent=2))
        return
    out = console()
    out.print(styled((sop.title, "bold"), f": {runs:,} {label('runs', lang)}"))
    out.print(f"{label('mean', lang)} {sim.mean:.1f}, P50 {marks['P50']:.0f}, "
              f"P80 {marks['P80']:.0f}, P95 {marks['P95']:.0f} {label('minutes', lang)}; "
              f"{label('standard', lang).lower()} {num(sim.standard_total)}")
    out.print(f"{label('within', lang)}: {sim.within_standard:.1%}")
    print_table(out, label("criticality", lang),
                [Column(label("step", lang)), Column(label("criticality", lang), right=True)],
                [Row((sid, f"{share:.0%}")) for sid, share in sim.criticality.items()])


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--hours-per-year", type=click.FloatRange(min=1), default=EFFECTIVE_HOURS_PER_YEAR,
              show_default=True, help="Effective working hours of one official per year.")
@click.option("--csv", "csv_out", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the table as CSV to this file ('-' for stdout).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON to stdout (only).")
@lang_option
def workload(paths: tuple[Path, ...], hours_per_year: float, csv_out: str | None,
             as_json: bool, lang: str) -> None:
    """Minutes per position per year across SOPs with a `frequency`, and staff needed.

    Actors are matched to positions by the org.yaml beside the first path."""
    if csv_out and csv_out != "-":
        check_writable(Path(csv_out))
    results = check_paths(paths)
    bad = [r for r in results if not r.ok]
    if bad:
        raise SopInvalid(bad[0].path, bad[0].diagnostics)
    org = load_org(paths[0] if paths[0].is_dir() else paths[0].parent)
    found = compute_workload([r.sop for r in results if r.sop], hours_per_year, org=org)
    rows = [(a.position, a.minutes_per_year, a.minutes_per_year / 60, a.staff(hours_per_year),
             a.by_sop) for a in found.actors]
    if csv_out:
        _write_csv(rows, csv_out, lang)
    if as_json:
        click.echo(json.dumps({"hours_per_year": num(hours_per_year), "skipped": found.skipped,
                               "actors": [{"position": p, "minutes_per_year": round(m, 1),
                                           "hours_per_year": round(h, 2),
                                           "staff": round(s, 4),
                                           "by_sop": {k: round(v, 1) for k, v in b.items()}}
                                          for p, m, h, s, b in rows]},
                              ensure_ascii=False, indent=2))
        return
    if csv_out == "-":
        return
    out = console()
    print_table(out, f"{label('staff', lang)} ({num(hours_per_year)} "
                f"{label('effective_hours', lang)})",
                [Column(label(key, lang), right=key != "position")
                 for key in ("position", "per_year", "hours_year", "staff")],
                [Row((position, f"{minutes:,.0f}", f"{hours:,.1f}", f"{staff:.3f}"))
                 for position, minutes, hours, staff, _ in rows])
    if found.skipped:
        out.print(f"{label('skipped', lang)}: {', '.join(found.skipped)}")


def _write_csv(rows: list[Any], target: str, lang: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label(k, lang) for k in ("position", "per_year", "hours_year", "staff")])
    for position, minutes, hours, staff, _ in rows:
        writer.writerow([position, f"{minutes:.1f}", f"{hours:.2f}", f"{staff:.4f}"])
    if target == "-":
        sys.stdout.write(buffer.getvalue())
    else:
        write_output(Path(target), buffer.getvalue())


@click.command()
@click.argument("what", metavar="FILE|INSTANCE")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The chart to write: .svg or .png.")
@click.option("--db", envvar="SOPENGINE_DB", metavar="PATH|URL",
              help="For an INSTANCE: its database (default as for `sopengine show`).")
@lang_option
def gantt(what: str, output: Path, db: str | None, lang: str) -> None:
    """Gantt chart of an SOP's critical-path schedule, or of a recorded run."""
    from sopengine.render.charts import Bar
    from sopengine.render.charts import gantt as draw

    check_writable(chart_path(output, "-o"))
    if Path(what).is_file():
        sop = _valid(Path(what), WorkingTime())
        cp = critical_path(sop)
        bars = [Bar(sop.actors[a], f"{sop.step(t.id).id}", t.earliest_start,
                    t.earliest_finish, t.critical) for t in cp.steps for a in sop.step(t.id).actor]
        with writing(output):
            draw(bars, f"{sop.title} — {label('schedule', lang)}",
                 label("minutes_from_start", lang), output, lang)
    elif what.isdigit():
        number = INSTANCE.convert(what, None, click.get_current_context())
        from sopengine.runtime.engine import Engine

        engine = Engine(open_store(db))
        instance = engine.instance(number)
        sop, _ = engine.definition(instance.definition)
        bars = [Bar(sop.actors[t.actor or t.actors[0]], t.step, t.ready_at, t.done_at,
                    t.is_late(engine.clock())) for t in engine.all_tasks(instance.id)
                if t.done_at is not None and t.state == "done"]
        with writing(output):
            draw(bars, f"{sop.title} — {label('instance', lang)} {instance.id}",
                 label("at", lang), output, lang, marked="late")
    else:
        raise click.BadParameter(f"'{what}' is neither an SOP file nor an instance number",
                                 param_hint="FILE|INSTANCE")
    click.echo(f"{word('wrote', lang)} {output}", err=True)


COMMANDS = (simulate, workload, gantt)
