"""What a run needs from the machine, apart from the stages: the run lock, signals, time limits,
the progress bar and logs. Nothing here knows about news."""

from .deadline import Overran, time_limit
from .lock import run_lock
from .logs import setup_logging
from .progress import Progress
from .report import STAGES, RunReport
from .runs import recorded_run
from .signals import Interrupted, stop_on_signals

__all__ = ["RunReport", "STAGES", "recorded_run", "Overran", "time_limit", "run_lock", "setup_logging", "Progress", "Interrupted", "stop_on_signals"]
