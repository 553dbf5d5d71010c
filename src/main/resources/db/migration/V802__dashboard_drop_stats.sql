-- The dashboard reads its numbers from the analytics roll-ups (decision 0801, "Superseded in part"):
-- the background counts of large distributions are gone, and so is their table (created by V801).
drop table if exists dashboard_stats;
