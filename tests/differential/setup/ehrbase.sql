-- What EHRbase's createdb.sql does as superuser before Flyway runs, for the database the
-- differential runner made (roles are cluster-wide, so they are created only when missing).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ehrbase') THEN
    CREATE ROLE ehrbase WITH LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ehrbase_restricted') THEN
    CREATE ROLE ehrbase_restricted WITH LOGIN;
  END IF;
  EXECUTE format('GRANT ALL PRIVILEGES ON DATABASE %I TO ehrbase, ehrbase_restricted', current_database());
  EXECUTE format('ALTER DATABASE %I SET search_path TO ext', current_database());
  EXECUTE format('ALTER DATABASE %I SET intervalstyle = %L', current_database(), 'iso_8601');
END
$$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS ehr AUTHORIZATION ehrbase;
GRANT USAGE ON SCHEMA ehr TO ehrbase_restricted;
CREATE SCHEMA IF NOT EXISTS ext AUTHORIZATION ehrbase;
GRANT USAGE ON SCHEMA ext TO ehrbase_restricted;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" SCHEMA ext;
