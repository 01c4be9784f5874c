def log = new File(basedir, 'build.log').text
// this build's own database (named after the build's start: builds running at once never share one), dropped first
def database = (log =~ /jdbc:mysql:\/\/127\.0\.0\.1:3306\/(divemap_it_plugin_\d+)\?/)
assert database.find() : 'no MariaDB database of this build in the log'
def connection = new com.mysql.cj.jdbc.Driver().connect('jdbc:mysql://127.0.0.1:3306/?user=root&password=', new Properties())
try {
    connection.createStatement().execute('DROP DATABASE IF EXISTS ' + database.group(1))
} finally {
    connection.close()
}
assert log =~ /Database: jdbc:mysql:\/\/127\.0\.0\.1:3306\/divemap_it_plugin_\d+\?createDatabaseIfNotExist=true as root/
assert log.contains('Upgrade to head: 2 revisions to run')
assert log.contains('Now at: 0002_email')
assert log.contains('0001_users -> 0002_email (current, head), AddEmail')
assert log.contains('reverted  0002_email in')
assert log.contains('Current: 0001_users')
assert log.contains('Stamped: 0002_email')
assert log.contains('Current: 0002_email (head)')
assert log.contains('Stamped: 0001_users')
assert log.contains('reverted  0001_users in')
assert log.contains('Current: base (no revision applied)')
