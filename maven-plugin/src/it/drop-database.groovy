// Shared by the verify.groovy of the invoker builds on MariaDB. Each build works on a database of its
// own, named after the build's start (builds running at once on one server never share one): this
// finds its name in the build log and drops it. Binding: log (the build log's text), prefix (the
// database name before the suffix).
def database = (log =~ /jdbc:mysql:\/\/127\.0\.0\.1:3306\/(${prefix}_\d+)\?/)
assert database.find() : "no MariaDB database ${prefix}_<suffix> of this build in the log"
def connection = new com.mysql.cj.jdbc.Driver().connect('jdbc:mysql://127.0.0.1:3306/?user=root&password=', new Properties())
try {
    connection.createStatement().execute('DROP DATABASE IF EXISTS ' + database.group(1))
} finally {
    connection.close()
}
