"""Blocks of a pass worked on by a few threads at once, their results taken in order.

NumPy releases the GIL in the products, comparisons and partitions that make up a block's
work, so two threads come close to halving a pass on two cores. Results are consumed in the
blocks' order, so a pass's outcome does not depend on the number of threads or their timing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def in_order(work: Callable[[T], R], items: Iterable[T], threads: int) -> Iterator[R]:
    """`work(item)` for each item, on up to `threads` threads, yielded in the items' order.

    Items are taken from `items` only when a thread is about to be free, and at most
    `threads` + 1 results wait to be consumed: a pass holds a few blocks at a time, never all.
    """
    if threads <= 1:
        yield from map(work, items)
        return
    with ThreadPoolExecutor(threads, thread_name_prefix="matching") as pool:
        waiting: deque[Future[R]] = deque()
        for item in items:
            waiting.append(pool.submit(work, item))
            if len(waiting) > threads:
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()
