def log = new File(basedir, 'build.log').text
assert log.contains('Cannot connect to jdbc:mysql://127.0.0.1:3306/mysql as divemap_nobody')
assert log.contains('Access denied')
assert !log.contains('Sup3rSecretPw') : 'the password must never be printed'
