-- Scheduled tasks are the workers' own bookkeeping, not tenant data: written by the worker's
-- own connection, never by the application role (like worker_heartbeats in 0014).
REVOKE ALL ON scheduled_tasks FROM parley_app;
