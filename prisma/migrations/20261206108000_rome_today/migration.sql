-- Time is Rome's (issue 16, item 5). The roll-up's project facts count an action as overdue when its due
-- date is before CURRENT_DATE, which is the day in the session's TimeZone: UTC (or whatever the server is
-- configured with) would keep yesterday's count between 00:00 and 01:00 (02:00 in summer) in Rome. The
-- refresh runs with Rome's time zone, whoever calls it; nothing else in the refresh depends on it (the
-- refresh time is a timestamptz, the years are read from DATE columns).
ALTER FUNCTION refresh_rollup() SET "TimeZone" TO 'Europe/Rome';
