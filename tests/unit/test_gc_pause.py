"""`core.gc_pause.frozen_heap`: what exists when the block starts is left out of garbage
collections until the last block ends (nested or on other threads); what the block makes
is collected as usual; nothing stays frozen afterwards."""

from __future__ import annotations

import gc
import threading
import weakref

from swdesk.core.gc_pause import frozen_heap


class _Node:
    def __init__(self) -> None:
        self.other: object = self  # a cycle: only the cyclic collector frees it


def test_the_heap_is_frozen_in_the_block_and_not_after() -> None:
    assert gc.get_freeze_count() == 0
    with frozen_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_nested_blocks_unfreeze_when_the_outer_one_ends() -> None:
    with frozen_heap():
        with frozen_heap():
            pass
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_blocks_on_two_threads_unfreeze_when_both_have_ended() -> None:
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with frozen_heap():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other)
    with frozen_heap():
        thread.start()
        assert inside.wait(10)
    assert gc.get_freeze_count() > 0  # the other thread's block still runs
    leave.set()
    thread.join(10)
    assert gc.get_freeze_count() == 0


def test_garbage_made_in_the_block_is_collected_there_and_older_garbage_after() -> None:
    old = _Node()
    old_ref = weakref.ref(old)
    with frozen_heap():
        del old  # garbage now, but frozen: no collection in the block frees it
        new = _Node()
        new_ref = weakref.ref(new)
        del new
        gc.collect()
        assert new_ref() is None
        assert old_ref() is not None
    gc.collect()
    assert old_ref() is None


def test_an_exception_in_the_block_unfreezes_too() -> None:
    try:
        with frozen_heap():
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0
