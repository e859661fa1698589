"""What a run needs from the machine, apart from the stages: the run lock, signals, time limits,
the progress bar and logs. Nothing here knows about news."""

from .deadline import Overran, time_limit
from .lock import run_lock
from .logs import once_a_day, setup_logging
from .progress import Progress
from .report import STAGES, RunReport
from .runs import recorded_run
from .signals import Interrupted, stop_on_signals

__all__ = [
    "STAGES",
    "Interrupted",
    "Overran",
    "Progress",
    "RunReport",
    "once_a_day",
    "recorded_run",
    "run_lock",
    "setup_logging",
    "stop_on_signals",
    "time_limit",
]
