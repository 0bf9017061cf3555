-- Login roles for NewsIngest, run after the migrations (which create the NOLOGIN group roles
-- newsingest_writer and newsingest_reader). Idempotent: safe to run on every deploy.
--
--   psql -v ON_ERROR_STOP=1 -v worker_password=... -v analyst_password=... -f Deploy/postgres/login-roles.sql
--
-- Passwords are deployment secrets, which is why they live here and not in Migrations/.

SELECT 'CREATE ROLE newsingest_worker LOGIN'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'newsingest_worker') \gexec
ALTER ROLE newsingest_worker WITH LOGIN PASSWORD :'worker_password';
GRANT newsingest_writer TO newsingest_worker;

SELECT 'CREATE ROLE newsingest_analyst LOGIN'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'newsingest_analyst') \gexec
ALTER ROLE newsingest_analyst WITH LOGIN PASSWORD :'analyst_password';
GRANT newsingest_reader TO newsingest_analyst;
