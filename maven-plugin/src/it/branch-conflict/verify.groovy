def log = new File(basedir, 'build.log').text
assert log.contains('[Divemap/BranchConflict] 0002_add_photos (AddPhotos.java) and 0002_add_ratings (AddRatings.java) both revise 0001_users')
assert log.contains('@Revision(id = "merge_0002_add_photos_0002_add_ratings", revises = {"0002_add_photos", "0002_add_ratings"})')
assert log.contains('AddRatings.java')
// 2: divemap:merge after the failed compile
assert log.contains('The compiled revision registry is missing: 3 migrations (AddPhotos.java, AddRatings.java, CreateUsers.java) have no compiled class (in target/classes). The last mvn compile failed')
assert !log.contains('No revision registry found') : 'the failed compile is the cause, not the processor'
