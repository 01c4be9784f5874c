def log = new File(basedir, 'build.log').text
def written = new File(basedir, 'src/main/java/com/example/db')
assert written.isDirectory() : 'the first migration is written into the given package'
def files = written.listFiles().collect { it.name }
assert files == ['CreateUsers.java'] : files
def source = new File(written, 'CreateUsers.java').text
assert source.contains('op.createTable("users",')
assert source.contains('Column.of("display_name", Type.varchar(100)).nullable()')
assert source.contains('op.dropTable("users");')
assert log.contains('Wrote ') && log.contains('revision 0001_create_users (a base), 1 change:')
assert log.contains('Upgrade to head: 1 revision to run')
assert log.contains('OK: the database is at head')
assert log.contains('No changes detected')
