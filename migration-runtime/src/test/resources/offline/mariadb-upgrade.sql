-- Divemap Migrations: upgrade base:head for MariaDB

CREATE TABLE IF NOT EXISTS divemap_version (version_num VARCHAR(255) NOT NULL, CONSTRAINT divemap_version_pkc PRIMARY KEY (version_num));

-- Running upgrade <base> -> 0001_users, 0001_users
CREATE TABLE users (
    id INT NOT NULL AUTO_INCREMENT,
    username VARCHAR(50) NOT NULL,
    email VARCHAR(255) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    balance DECIMAL(10, 2) NOT NULL DEFAULT 0,
    bio TEXT NULL COMMENT 'About me',
    role ENUM('diver', 'moderator') NOT NULL DEFAULT 'diver',
    status VARCHAR(20) NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_username UNIQUE (username)
);
INSERT INTO divemap_version (version_num) VALUES ('0001_users');

-- Running upgrade 0001_users -> 0002_sites, 0002_sites
CREATE TABLE dive_sites (
    id BIGINT NOT NULL AUTO_INCREMENT,
    name VARCHAR(200) NOT NULL,
    country VARCHAR(100) NULL,
    region VARCHAR(100) NULL,
    max_depth DECIMAL(5, 2) NULL,
    created_by INT NOT NULL,
    CONSTRAINT pk_dive_sites PRIMARY KEY (id),
    CONSTRAINT fk_dive_sites_created_by_users FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_dive_sites_max_depth_positive CHECK (max_depth >= 0)
);
CREATE INDEX ix_dive_sites_country_region ON dive_sites (country, region);
CREATE UNIQUE INDEX ix_dive_sites_name ON dive_sites (name);
UPDATE divemap_version SET version_num = '0002_sites' WHERE version_num = '0001_users';

-- Running upgrade 0002_sites -> 0003_changes, 0003_changes
ALTER TABLE dive_sites ADD COLUMN view_count INT NOT NULL DEFAULT 0, ALGORITHM=INPLACE, LOCK=NONE;
UPDATE users SET status = 'active' WHERE status IS NULL;
ALTER TABLE users CHANGE COLUMN status status VARCHAR(20) NOT NULL DEFAULT 'active';
ALTER TABLE users RENAME COLUMN email TO email_address;
ALTER TABLE dive_sites CHANGE COLUMN name name VARCHAR(300) NOT NULL;
ALTER TABLE users ADD CONSTRAINT uq_users_email_address UNIQUE (email_address);
RENAME TABLE dive_sites TO sites;
UPDATE divemap_version SET version_num = '0003_changes' WHERE version_num = '0002_sites';

-- Running upgrade 0003_changes -> 0004_drops, 0004_drops
DROP INDEX ix_dive_sites_country_region ON sites;
ALTER TABLE sites DROP FOREIGN KEY fk_dive_sites_created_by_users;
ALTER TABLE sites DROP COLUMN region;
UPDATE divemap_version SET version_num = '0004_drops' WHERE version_num = '0003_changes';

