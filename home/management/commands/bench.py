from __future__ import annotations

import json

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from home.perf.bench import GROUPS, run_bench
from home.perf.seed import SIZES, find_catalog


class Command(BaseCommand):
    help = (
        "Time the scenarios of QUALITY.md against their baselines (B0, B1) in one process with DEBUG off, "
        "on the scale sets in the database, and print one JSON object."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            action="append",
            choices=list(SIZES),
            help="Seed this size first when it is missing (repeatable: --size S --size L).",
        )
        parser.add_argument("--sizes", help="Measure only these sizes, e.g. S,L (default: every size present).")
        parser.add_argument("--only", help=f"Only these scenario groups, comma-separated: {', '.join(GROUPS)}.")
        parser.add_argument("--pairs", type=int, default=30, help="Rounds of scenario and baseline (default 30).")
        parser.add_argument("--warmup", type=int, default=5, help="Untimed requests per scenario first (default 5).")
        parser.add_argument("--force", action="store_true", help="Allow --size to seed when DEBUG is off.")
        parser.add_argument("--output", help="Also write the JSON to this file.")
        parser.add_argument("--indent", type=int, default=None, help="Indent the JSON.")

    def handle(self, *args, size=None, sizes=None, only=None, pairs=30, warmup=5, force=False, **options):
        if pairs < 1 or warmup < 0:
            raise CommandError("--pairs must be at least 1 and --warmup at least 0.")
        groups = [name.strip() for name in only.split(",")] if only else None
        unknown = sorted(set(groups or []) - set(GROUPS))
        if unknown:
            raise CommandError(f"Unknown scenario group(s): {', '.join(unknown)}. Choose from {', '.join(GROUPS)}.")
        for code in size or []:
            if find_catalog(SIZES[code]) is None:
                if not settings.DEBUG and not force:
                    raise CommandError(f"Size {code} is missing; seeding it with DEBUG off needs --force.")
                call_command("seed_scale", size=code, force=True, stdout=self.stderr._out, stderr=self.stderr._out)
        result = run_bench(
            pairs=pairs,
            warmup=warmup,
            sizes=[code.strip() for code in sizes.split(",")] if sizes else None,
            only=groups,
            stream=self.stderr._out,
        )
        text = json.dumps(result, ensure_ascii=False, indent=options["indent"])
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        self.stdout.write(text)
