import logging

from django.core.management.base import CommandError
from django_tasks_db.management.commands import db_worker

from anxin.core.tasks import Worker


class Command(db_worker.Command):
    help = (
        "Run background tasks; a task whose worker died is run again, a failing one retried "
        "and then given up with its reason (anxin.core.tasks)."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        if reload:
            # A reload would stop a task in the middle; restarting is the operator's job.
            logging.getLogger(__name__).warning("anxin worker does not reload on code changes")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
