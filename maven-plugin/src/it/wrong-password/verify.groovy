// The server refuses the login at once, so the first attempt fails with MariaDB's own answer: no
// pool timeout, whatever the load (the default connect timeout, not a short one, so that a slow
// handshake on a busy machine is still answered by the server).
def log = new File(basedir, 'build.log').text
assert log.contains('Cannot connect to jdbc:mysql://127.0.0.1:3306/mysql as divemap_nobody')
assert log.contains('Access denied')
assert log.contains('the server refused the login')
assert !log.contains('Connection is not available') : 'a refused login must not wait for the pool'
assert !log.contains('Sup3rSecretPw') : 'the password must never be printed'
