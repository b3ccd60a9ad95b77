"""A document kind whose builder blocks until told to finish, for killing a worker mid-task.

The builder writes `started-<job id>-<attempt>` into $BINHDANG_BLOCK_DIR and waits for a file
`release` there. Installed by `tests.faults.worker_settings` only."""
