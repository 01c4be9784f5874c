def log = new File(basedir, 'build.log').text
assert log.contains('[Divemap/BranchConflict] 0002_add_photos (AddPhotos.java) and 0002_add_ratings (AddRatings.java) both revise 0001_users')
assert log.contains('@Revision(id = "merge_0002_add_photos_0002_add_ratings", revises = {"0002_add_photos", "0002_add_ratings"})')
assert log.contains('AddRatings.java')
