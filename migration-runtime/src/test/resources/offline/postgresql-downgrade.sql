-- Divemap Migrations: downgrade head:base for PostgreSQL

-- Running downgrade 0004_drops -> 0003_changes, 0004_drops
BEGIN;
ALTER TABLE sites ADD COLUMN region VARCHAR(100) NULL;
ALTER TABLE sites ADD CONSTRAINT fk_dive_sites_created_by_users FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX ix_dive_sites_country_region ON sites (country, region);
UPDATE divemap_version SET version_num = '0003_changes' WHERE version_num = '0004_drops';
COMMIT;

-- Running downgrade 0003_changes -> 0002_sites, 0003_changes
BEGIN;
ALTER TABLE sites RENAME TO dive_sites;
ALTER TABLE users DROP CONSTRAINT uq_users_email_address;
ALTER TABLE dive_sites ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE users RENAME COLUMN email_address TO email;
ALTER TABLE users ALTER COLUMN status DROP NOT NULL;
ALTER TABLE users ALTER COLUMN status DROP DEFAULT;
ALTER TABLE dive_sites DROP COLUMN view_count;
UPDATE divemap_version SET version_num = '0002_sites' WHERE version_num = '0003_changes';
COMMIT;

-- Running downgrade 0002_sites -> 0001_users, 0002_sites
BEGIN;
DROP TABLE dive_sites;
UPDATE divemap_version SET version_num = '0001_users' WHERE version_num = '0002_sites';
COMMIT;

-- Running downgrade 0001_users -> <base>, 0001_users
BEGIN;
DROP TABLE users;
DELETE FROM divemap_version WHERE version_num = '0001_users';
COMMIT;

