def log = new File(basedir, 'build.log').text
def written = new File(basedir, 'src/main/java/com/example/db/migrations')
assert written.isDirectory() : 'the first migration is written into the given package'
def files = written.listFiles().collect { it.name }
assert files.size() == 1 : files
assert log.contains('(a base)')
assert log.contains('Upgrade to head: 1 revision to run')
assert log.contains('<base> -> ')
