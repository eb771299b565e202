"""A corpus run on Dask distributed: a LocalCluster sized to the machine, or any cluster by
its scheduler address; the same code path either way.

Each worker loads the encoder once (:class:`EncoderPlugin`); a task takes one pair's texts as
bytes and returns the document's YAML text (:func:`.corpus.align_job`), so workers need no
shared file system. The client keeps a bounded number of pairs in flight, writes each finished
document and the manifest (:class:`.corpus.Manifest`) as results arrive.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from distributed.diagnostics.plugin import WorkerPlugin

from .corpus import Job, Outcome, align_job
from .errors import WorkbenchError

#: the attribute of a Dask worker that holds its encoder
_ATTR = "_workbench_encoder"


def load_factory(spec: str) -> Callable[[str], object]:
    """``module:function``, a function of the model name that returns an encoder (tests
    plug in a fast stand-in model this way)."""
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


class EncoderPlugin(WorkerPlugin):
    """Loads the encoder once per worker (a Dask WorkerPlugin: ``setup`` runs when a worker
    starts or joins)."""

    name = "workbench-encoder"

    def __init__(self, model: str, factory: str | None = None,
                 per_host: dict[str, int] | None = None):
        self.model = model
        self.factory = factory
        self.per_host = per_host or {}

    async def setup(self, worker) -> None:
        # the model's threads: this machine's cores shared by the workers on it (2 workers
        # with 2 threads each on 2 cores run 3x slower than with one each); the scheduler
        # knows the workers up now, the client those it saw
        here = _host(worker.address)
        n = self.per_host.get(here, 1)
        try:
            identity = await worker.scheduler.identity()
            n = max(n, sum(1 for a in identity.get("workers", {}) if _host(a) == here))
        except Exception:  # noqa: BLE001  an older scheduler: the client's count
            pass
        os.environ["WORKBENCH_MODEL_THREADS"] = str(max(1, (os.cpu_count() or 1) // n))
        self._load(worker)

    def _load(self, worker) -> None:
        if self.factory:
            encoder = load_factory(self.factory)(self.model)
        else:
            from .embed import load_encoder

            encoder = load_encoder(self.model)
        setattr(worker, _ATTR, encoder)


def run_job(job: Job) -> Outcome:
    """The task: one pair on this worker, with the encoder its plugin loaded."""
    from distributed import get_worker

    worker = get_worker()
    encoder = getattr(worker, _ATTR, None)
    if encoder is None:  # a worker that joined before the plugin was registered
        raise RuntimeError("the worker has no encoder (plugin not set up)")
    return align_job(job, encoder)


@dataclass
class Engine:
    """A connected Dask client (and the cluster it started, if any)."""

    client: object
    cluster: object | None
    dashboard: str | None
    workers: int

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()


def start(model: str, scheduler: str | None = None, workers: int | None = None,
          factory: str | None = None, timeout: float = 60.0) -> Engine:
    """Connect to ``scheduler`` (tcp://HOST:PORT), else start a LocalCluster of ``workers``
    processes (default: one per core, each one thread: the model uses the core it has)."""
    import logging

    for name in ("distributed", "distributed.worker", "distributed.scheduler",
                 "distributed.nanny", "distributed.core", "distributed.http.proxy"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=timeout)
        else:
            n = workers or max(1, os.cpu_count() or 1)
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=":8787" if _has_bokeh() else None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
    except OSError as exc:
        raise WorkbenchError(f"cannot reach the Dask scheduler {scheduler}: {exc}",
                             hint="start one with 'dask scheduler' and workers with "
                                  "'dask worker ADDRESS' (README: Corpus)") from exc
    try:
        client.wait_for_workers(1 if scheduler else n, timeout=timeout)
    except TimeoutError as exc:
        client.close()
        raise WorkbenchError(f"the Dask scheduler {scheduler} has no workers",
                             hint="start some: dask worker " + (scheduler or "")) from exc
    info = client.scheduler_info(n_workers=-1) if _takes_n(client) else client.scheduler_info()
    per_host: dict[str, int] = {}
    for address in info.get("workers", {}):
        per_host[_host(address)] = per_host.get(_host(address), 0) + 1
    plugin = EncoderPlugin(model, factory, per_host)
    try:
        client.register_plugin(plugin, name=plugin.name)
    except Exception as exc:  # noqa: BLE001  a worker's own error, brought back by Dask
        client.close()
        if cluster is not None:
            cluster.close()
        raise WorkbenchError(f"the Dask workers could not load the model {model}: {exc}",
                             hint="is the model there on every worker?") from exc
    dashboard = client.dashboard_link if "dashboard" in info.get("services", {}) else None
    return Engine(client, cluster, dashboard, len(info.get("workers", {})))


def _host(address: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(address).hostname or address


def _takes_n(client) -> bool:
    import inspect

    return "n_workers" in inspect.signature(client.scheduler_info).parameters


def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


def run(engine: Engine, jobs: Iterable[Job], in_flight: int | None = None) -> Iterator[Outcome]:
    """The outcomes of ``jobs`` as they finish; at most ``in_flight`` pairs (their texts) are
    out at a time (default: twice the workers' threads), so a big corpus is never all in memory."""
    from distributed import as_completed

    client = engine.client
    limit = in_flight or max(2, 2 * max(engine.workers, 1))
    jobs = iter(jobs)
    pending = as_completed()
    names: dict[str, str] = {}

    def submit(job: Job) -> None:
        future = client.submit(run_job, job, pure=False, key=f"align-{len(names)}-{job.name}")
        names[future.key] = job.name
        pending.add(future)

    for job in jobs:
        submit(job)
        if len(names) >= limit:
            break
    for future in pending:
        if future.status == "finished":
            outcome = future.result()
        else:
            outcome = Outcome(names[future.key], error=f"the worker failed: {future.exception()}")
        future.release()
        yield outcome
        nxt = next(jobs, None)
        if nxt is not None:
            submit(nxt)
