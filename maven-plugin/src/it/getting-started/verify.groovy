// The guide's project builds as written, and its tests run: a Surefire too old for JUnit 5 would
// run none of them and still end in BUILD SUCCESS.
def log = new File(basedir, 'build.log').text
def totals = (log =~ /(?m)^\[INFO\] Tests run: (\d+), Failures: 0, Errors: 0, Skipped: 0$/).collect { it[1] as int }
assert totals : 'no test summary in the build log'
assert totals.last() >= 5 : "the guide's tests did not run: ${totals}"
assert log.contains('in com.example.db.MigrationHistoryTest')
assert log.contains('BUILD SUCCESS')
// the per-revision tests carry the revision's id in the report CI servers read
def report = new File(basedir, 'target/surefire-reports/TEST-com.example.db.MigrationHistoryTest.xml').text
assert report =~ /testcase name="[^"]*0001_initial[^"]*"/ : 'no test named after 0001_initial in the XML report'
assert !report.contains('(MigrationDatabase)[') : 'a per-revision test is still named by its index'
