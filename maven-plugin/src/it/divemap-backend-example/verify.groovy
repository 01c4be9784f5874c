def log = new File(basedir, 'build.log').text
// this build's own MariaDB database, dropped first (src/it/drop-database.groovy)
new GroovyShell(getClass().classLoader, new Binding([log: log, prefix: 'divemap_it_example']))
        .evaluate(new File(basedir, '../../../src/it/drop-database.groovy'))
// 1: the embedded H2 default, no configuration
assert log.contains('Upgrade to heads') || log.contains('Upgrade to head')
assert log.contains('upgraded  75b96c8832aa in')
assert log.contains('0006_merge_ratings -> 0007_add_dive_sites_rating_index (current, head)')
assert log.contains('0005_add_user_diving_fields, ratings_0002_add_dive_site_rating -> 0006_merge_ratings (mergepoint)')
assert new File(basedir, 'target/divemap').isDirectory() : 'the embedded database lives under target/'
assert !new File(basedir, 'target/divemap/db.trace.db').exists() : 'a first run leaves no H2 error trace'
// 2 and 3: MariaDB from -Ddivemap.url
assert log =~ /Database: jdbc:mysql:\/\/127\.0\.0\.1:3306\/divemap_it_example_\d+\?createDatabaseIfNotExist=true as root/
assert log.contains('Current: 0007_add_dive_sites_rating_index (head)')
assert log.contains('reverted  0001_initial in')
assert log.contains('Current: base (no revision applied)')
// 4: check, show, branches, heads and sql on the H2 database at head
assert log.contains('OK: the database is at head and no applied revision has changed.')
assert log.contains('Rev: 29fac01eff2e')
assert log.contains('Parent: 0002_add_max_depth_and_alternative_names')
assert log.contains('0003_add_country_region_fields (branchpoint), Add country and region to dive sites -> 0004_add_view_count_fields, ratings_0001_create_dive_site_ratings')
assert log.contains('0007_add_dive_sites_rating_index (head)')
assert log.contains('-- Running upgrade 0005_add_user_diving_fields, ratings_0002_add_dive_site_rating -> 0006_merge_ratings')
assert log.contains('CREATE INDEX idx_dive_sites_rating ON dive_sites (rating);')
assert log.contains('    org.divemap.backend.migrations.AddDiveSitesRatingIndex') : 'history -Ddivemap.verbose names the classes'
