def log = new File(basedir, 'build.log').text
assert log.contains('Upgrade to head: 2 revisions to run')
assert log.contains('upgraded  0001_users in')
assert log.contains('Now at: 0002_email')
assert log.contains('0001_users -> 0002_email (current, head), AddEmail')
assert log.contains('<base> -> 0001_users, CreateUsers')
assert log.contains('reverted  0002_email in')
assert log.contains('Current: 0001_users')
assert new File(basedir, 'target/divemap').isDirectory() : 'the embedded database lives under target/'
// the runtime's SLF4J lines go to Maven's log; the goals' own progress is not printed twice
assert log.count('upgraded  0001_users in') == 1
assert !log.contains('Applied 0001_users')
assert !log.contains('SLF4J')
assert !log.contains('Registered driver')
