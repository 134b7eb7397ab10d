-- When a user's password last changed (seconds since the epoch; the column holds UTC), for the login page's
-- explanation of a closed session ("la password è stata cambiata"). A definer function like
-- session_user_state: it is read when there is no actor.
CREATE FUNCTION session_password_changed_at(uid uuid)
RETURNS double precision
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT extract(epoch FROM u."passwordChangedAt")::double precision FROM "User" u WHERE u."id" = uid
$$;
REVOKE ALL ON FUNCTION session_password_changed_at(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION session_password_changed_at(uuid) TO smartland_app;
