def log = new File(basedir, 'build.log').text
assert log.contains('divemap: skipped (divemap.skip)')
assert log.contains('divemap-maven-plugin:@project.version@:upgrade (migrate)') || log.contains(':upgrade (migrate) @ lifecycle-binding')
assert log.contains('Now at: 0002_email')
assert log.indexOf('divemap: skipped') < log.indexOf('Now at: 0002_email')
