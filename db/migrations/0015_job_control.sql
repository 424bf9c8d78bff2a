-- Cancel and retry from a tenant transaction. pg-boss's tables are not the application role's
-- (it may only insert jobs), so these two functions run as their owner (SECURITY DEFINER) and
-- act only on a job whose job_runs row the caller's workspace can see under RLS: a job id from
-- another workspace changes nothing. Same state changes as pg-boss's own cancel()/retry().
CREATE OR REPLACE FUNCTION parley_cancel_job(job_id uuid) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  changed int;
BEGIN
  IF app_workspace_id() IS NULL OR NOT EXISTS (
    SELECT 1 FROM public.job_runs r WHERE r.id = job_id AND r.workspace_id = app_workspace_id()
  ) THEN
    RETURN false;
  END IF;
  UPDATE pgboss.job SET completed_on = now(), state = 'cancelled'
    WHERE id = job_id AND state < 'completed';
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed > 0;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION parley_retry_job(job_id uuid) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  changed int;
BEGIN
  IF app_workspace_id() IS NULL OR NOT EXISTS (
    SELECT 1 FROM public.job_runs r WHERE r.id = job_id AND r.workspace_id = app_workspace_id()
  ) THEN
    RETURN false;
  END IF;
  -- A failed job goes back to the queue with one more attempt; a cancelled one is resumed.
  UPDATE pgboss.job SET state = 'retry', retry_limit = retry_limit + 1, start_after = now()
    WHERE id = job_id AND state = 'failed';
  GET DIAGNOSTICS changed = ROW_COUNT;
  IF changed = 0 THEN
    UPDATE pgboss.job SET state = 'created', completed_on = NULL, start_after = now()
      WHERE id = job_id AND state = 'cancelled';
    GET DIAGNOSTICS changed = ROW_COUNT;
  END IF;
  RETURN changed > 0;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION parley_cancel_job(uuid), parley_retry_job(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION parley_cancel_job(uuid), parley_retry_job(uuid) TO parley_app;
