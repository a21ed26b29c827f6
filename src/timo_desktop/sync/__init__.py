"""Sync between the local store and a Vmoox workspace, for `timo sync` and the desktop worker.

Plain Python with no Qt: `engine.SyncEngine` does one round (push the outbox,
pull the catalog and the entries changes feed) and offers the user's choices
(restore a local value, restore or discard an entry deleted on the server,
retarget, retry now); `health` compares the last 14 days with the server;
`worker.SyncWorker` runs the engine on a background thread. Import the
submodules you need: this package imports nothing.
"""
